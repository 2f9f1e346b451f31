package io.muster.product;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.OffsetPage;
import io.muster.api.QueryParameters;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** DescribeProducts on Security Hub's path: the catalogue, with each product's ARN in the caller's Region. */
@Path("/products")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    @Inject
    ProductCatalogue catalogue;

    @Inject
    CurrentCaller caller;

    @Inject
    MusterConfig muster;

    @GET
    @Requires(value = Permission.DESCRIBE_API, operation = "DescribeProducts")
    public String describe(@QueryParam("ProductArn") String productArn, @QueryParam("MaxResults") String maxResults,
            @QueryParam("NextToken") String nextToken) {
        String region = caller.get().regionOr(muster.region());
        int pageSize = QueryParameters.maxResults(maxResults, 100, 100);
        List<Product> products = productArn == null || productArn.isEmpty() ? catalogue.all() : List.of(find(productArn, region));
        OffsetPage<Product> page = OffsetPage.of(products, nextToken == null || nextToken.isEmpty() ? null : nextToken, pageSize);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Products");
        page.items().forEach(product -> list.add(wire(product, region)));
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    private Product find(String productArn, String region) {
        Product product = ProductArns.product(productArn).flatMap(parsed -> catalogue.byKey(parsed.key())).orElseThrow(() -> ApiException
                .invalidInput("No product integration has the ARN '" + productArn + "'; DescribeProducts without ProductArn lists them all"));
        if (!product.arn(region).equals(productArn)) {
            throw ApiException.invalidInput("ProductArn '" + productArn + "' does not name " + product.productName() + " as Security Hub does "
                    + "in " + region + ", where its ARN is " + product.arn(region));
        }
        return product;
    }

    private static ObjectNode wire(Product product, String region) {
        ObjectNode wire = Json.object().put("ProductArn", product.arn(region)).put("ProductName", product.productName())
                .put("CompanyName", product.companyName()).put("Description", product.description());
        if (!product.categories().isEmpty()) {
            ArrayNode categories = wire.putArray("Categories");
            product.categories().forEach(categories::add);
        }
        ArrayNode types = wire.putArray("IntegrationTypes");
        product.integrationTypes().forEach(types::add);
        if (product.marketplaceUrl() != null) {
            wire.put("MarketplaceUrl", product.marketplaceUrl());
        }
        if (product.activationUrl() != null) {
            wire.put("ActivationUrl", product.activationUrl());
        }
        return wire;
    }
}
