package io.muster.auth;

import io.muster.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issues, rotates and revokes credentials, and turns a presented key or token back into its credential.
 * A secret is returned once, when it is issued; afterwards Muster keeps only its encrypted form (access
 * keys, whose secret signatures are recomputed with) or its SHA-256 (tokens).
 */
@ApplicationScoped
public class CredentialService {

    /** What the caller receives once: the id and the secret (an access key's secret, or the whole token). */
    public record Issued(Credential credential, String secret) {
    }

    static final String TOKEN_PREFIX = "mst_";
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

    @Inject
    CredentialStore store;

    @Inject
    SecretCipher cipher;

    @Inject
    AuthConfig config;

    public Issued create(Credential.Kind kind, String name, Role role, AccessScope scope, String createdBy) {
        return create(kind, null, null, name, role, scope, createdBy);
    }

    /** With a chosen access key id and secret: the bootstrap administrator. */
    public Issued createAccessKey(String accessKeyId, String secretAccessKey, String name, Role role, String createdBy) {
        if (!ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException("An access key id is 16 to 128 upper-case letters and digits, not '" + accessKeyId + "'");
        }
        if (secretAccessKey.length() < 16) {
            throw new IllegalArgumentException("A secret access key must be at least 16 characters long");
        }
        return create(Credential.Kind.ACCESS_KEY, accessKeyId, secretAccessKey, name, role, AccessScope.UNRESTRICTED, createdBy);
    }

    private Issued create(Credential.Kind kind, String chosenId, String chosenSecret, String name, Role role, AccessScope scope,
            String createdBy) {
        scope = AccessScope.validated(scope.accounts(), scope.products());
        if (!scope.products().isEmpty() && role != Role.PRODUCER) {
            throw ApiException.invalidInput("ProductScope applies to producers only");
        }
        String id;
        String secret;
        String stored;
        if (kind == Credential.Kind.ACCESS_KEY) {
            id = chosenId != null ? chosenId : Secrets.keyId("MK", 20);
            secret = chosenSecret != null ? chosenSecret : Secrets.random(30);
            stored = cipher.encrypt(secret);
        } else {
            id = Secrets.keyId("TK", 16);
            secret = TOKEN_PREFIX + id + "_" + Secrets.random(32);
            stored = Secrets.sha256Hex(secret);
        }
        Credential credential = new Credential(id, kind, name, role, scope, stored, null, null, Credential.Status.ACTIVE,
                Instant.now().truncatedTo(ChronoUnit.MICROS), createdBy, null, null);
        store.insert(credential);
        return new Issued(credential, secret);
    }

    public List<Credential> list() {
        return store.all();
    }

    public Credential get(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("No credential " + id));
    }

    /** A new secret; the old one keeps working for muster.auth.rotation-grace. */
    public Issued rotate(String id) {
        Credential current = get(id);
        if (current.status() != Credential.Status.ACTIVE) {
            throw new ApiException(io.muster.api.ErrorCode.ResourceConflictException, "Credential " + id + " is revoked");
        }
        String secret;
        String stored;
        if (current.kind() == Credential.Kind.ACCESS_KEY) {
            secret = Secrets.random(30);
            stored = cipher.encrypt(secret);
        } else {
            secret = TOKEN_PREFIX + id + "_" + Secrets.random(32);
            stored = Secrets.sha256Hex(secret);
        }
        Instant now = Instant.now();
        Instant graceEnds = now.plus(config.rotationGrace());
        if (!store.rotate(id, stored, current.secret(), graceEnds, now)) {
            throw new ApiException(io.muster.api.ErrorCode.ResourceConflictException, "Credential " + id + " is revoked");
        }
        return new Issued(get(id), secret);
    }

    public Credential revoke(String id) {
        get(id);
        store.revoke(id, Instant.now());
        return get(id);
    }

    public boolean noneExist() {
        return store.isEmpty();
    }

    /** The secrets an access key may currently sign with: its secret, and during a grace period the previous one. */
    public Optional<ActiveKey> activeAccessKey(String accessKeyId, Instant now) {
        return store.find(accessKeyId)
                .filter(c -> c.kind() == Credential.Kind.ACCESS_KEY && c.status() == Credential.Status.ACTIVE)
                .map(c -> {
                    List<String> secrets = new ArrayList<>();
                    secrets.add(cipher.decrypt(c.secret()));
                    if (c.previousValidAt(now)) {
                        secrets.add(cipher.decrypt(c.previousSecret()));
                    }
                    return new ActiveKey(c, secrets);
                });
    }

    /** An access key that may sign requests, with the secrets it may sign with. */
    public record ActiveKey(Credential credential, List<String> secrets) {
    }

    /** The credential of an API token, if the token is one Muster issued and it is active. */
    public Optional<Credential> activeToken(String token, Instant now) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        int end = token.indexOf('_', TOKEN_PREFIX.length());
        if (end < 0) {
            return Optional.empty();
        }
        String id = token.substring(TOKEN_PREFIX.length(), end);
        String hash = Secrets.sha256Hex(token);
        return store.find(id)
                .filter(c -> c.kind() == Credential.Kind.TOKEN && c.status() == Credential.Status.ACTIVE)
                .filter(c -> Secrets.constantTimeEquals(c.secret(), hash)
                        || c.previousValidAt(now) && Secrets.constantTimeEquals(c.previousSecret(), hash));
    }
}
