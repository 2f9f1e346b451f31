package io.muster.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.muster.api.Json;
import io.muster.catalogue.CatalogueFiles;
import io.muster.format.SchemaErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the product catalogue: the files shipped in {@code products/} (on the classpath, listed in
 * {@code products/products.list}), then the operator's files in {@code muster.products.extra-dir}. Each file is
 * checked against {@code products/product.schema.json}, and each product's key ({@code <company-id>/<product-id>})
 * must be new: an extra file cannot redefine a shipped product. A file that breaks a rule is reported with the
 * rule, and left out whole; the others load.
 */
final class CatalogueLoader {

    /** A catalogue file that could not be loaded, and why. */
    record Problem(String source, String message) {
        @Override
        public String toString() {
            return source + ": " + message;
        }
    }

    /** The products that loaded, in file order, and the files that did not. */
    record Result(List<Product> products, List<Problem> problems) {
    }

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Schema SCHEMA = CatalogueFiles.schema("products/product.schema.json");

    Result load(Optional<Path> extraDirectory) {
        Map<String, Product> products = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (CatalogueFiles.DataFile file : CatalogueFiles.read("products", "products.list", extraDirectory, "muster.products.extra-dir",
                (source, message) -> problems.add(new Problem(source, message)))) {
            add(file.source(), file.content(), products, problems);
        }
        return new Result(List.copyOf(products.values()), List.copyOf(problems));
    }

    private static void add(String source, byte[] content, Map<String, Product> loaded, List<Problem> problems) {
        JsonNode node;
        try {
            node = source.endsWith(".json") ? Json.MAPPER.readTree(content) : YAML.readTree(content);
        } catch (IOException e) {
            problems.add(new Problem(source, "is not valid " + (source.endsWith(".json") ? "JSON" : "YAML") + ": "
                    + e.getMessage().lines().findFirst().orElse("")));
            return;
        }
        if (node == null || node.isMissingNode()) {
            problems.add(new Problem(source, "is empty"));
            return;
        }
        List<Error> errors = SCHEMA.validate(node);
        if (!errors.isEmpty()) {
            problems.add(new Problem(source, "breaks products/product.schema.json: "
                    + String.join("; ", errors.stream().limit(5).map(SchemaErrors::describe).toList())));
            return;
        }
        Map<String, Product> fromFile = new LinkedHashMap<>();
        JsonNode list = node.get("products");
        for (int i = 0; i < list.size(); i++) {
            Product product = product(source, list.get(i));
            Product earlier = fromFile.containsKey(product.key()) ? fromFile.get(product.key()) : loaded.get(product.key());
            if (earlier != null) {
                problems.add(new Problem(source, "products[" + i + "].productArn: product " + product.key() + " is already defined by "
                        + earlier.source() + "; a product is identified by <company-id>/<product-id>, so give it its own"));
                return;
            }
            fromFile.put(product.key(), product);
        }
        loaded.putAll(fromFile);
    }

    private static Product product(String source, JsonNode node) {
        String arn = node.get("productArn").textValue();
        String key = arn.substring(arn.indexOf(":product/") + ":product/".length());
        return new Product(key, arn, node.get("productName").textValue(), node.get("companyName").textValue(),
                node.get("description").textValue(), strings(node.path("categories")), strings(node.get("integrationTypes")),
                text(node, "marketplaceUrl"), text(node, "activationUrl"), node.path("enabledByDefault").asBoolean(false), source);
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(value -> values.add(value.textValue()));
        return List.copyOf(values);
    }

}
