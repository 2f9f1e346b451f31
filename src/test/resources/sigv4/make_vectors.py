#!/usr/bin/env python3
"""Signature Version 4 vectors computed independently of the AWS SDK for Java, the way botocore signs
(botocore/auth.py SigV4Auth: canonical URI quoted again with safe '/~', sorted query, lower-cased trimmed
headers, hex SHA-256 payload hash). SigV4VectorsTest checks that Muster accepts exactly these signatures.
Run: python3 make_vectors.py > vectors.json"""
import hashlib
import hmac
import json
import urllib.parse

KEY = "AKIDEXAMPLEMUSTER1"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
AMZ_DATE = "20261127T120000Z"


def canonical_query(query):
    pairs = [p.split("=", 1) + [""] if "=" not in p else p.split("=", 1) for p in query.split("&") if p]
    decoded = [(urllib.parse.unquote(k), urllib.parse.unquote(v)) for k, v, *_ in pairs]
    return "&".join(f"{urllib.parse.quote(k, safe='-_.~')}={urllib.parse.quote(v, safe='-_.~')}" for k, v in sorted(decoded))


def sign(name, method, path, query, headers, body, region):
    headers = dict(headers, **{"x-amz-date": AMZ_DATE})
    lower = {k.lower(): " ".join(v.split()) for k, v in headers.items()}
    signed = sorted(lower)
    canonical_request = "\n".join([
        method,
        urllib.parse.quote(path, safe="/~"),
        canonical_query(query),
        "".join(f"{h}:{lower[h]}\n" for h in signed),
        ";".join(signed),
        hashlib.sha256(body.encode()).hexdigest(),
    ])
    date = AMZ_DATE[:8]
    scope = f"{date}/{region}/securityhub/aws4_request"
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256", AMZ_DATE, scope,
                                hashlib.sha256(canonical_request.encode()).hexdigest()])
    k = ("AWS4" + SECRET).encode()
    for part in (date, region, "securityhub", "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(k, string_to_sign.encode(), hashlib.sha256).hexdigest()
    headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={KEY}/{scope}, "
                                f"SignedHeaders={';'.join(signed)}, Signature={signature}")
    return {"name": name, "method": method, "path": path, "query": query, "headers": headers, "body": body}


vectors = [
    sign("post-json", "POST", "/findings", "",
         {"Host": "muster.example.com", "Content-Type": "application/json"}, '{"MaxResults":1}', "us-east-1"),
    sign("get-greedy-arn-path", "GET", "/insights/results/arn%3Aaws%3Asecurityhub%3A%3A%3Ainsight/securityhub/default/1", "",
         {"Host": "muster.example.com:8443"}, "", "eu-central-1"),
    sign("get-query", "GET", "/standards", "MaxResults=10&NextToken=a%2Fb%3D%3D",
         {"Host": "localhost:8080", "X-Amz-User-Agent": "aws-cli/2.15   botocore/2.4"}, "", "ap-southeast-2"),
]
print(json.dumps({"accessKeyId": KEY, "secretAccessKey": SECRET, "amzDate": AMZ_DATE, "vectors": vectors}, indent=2))
