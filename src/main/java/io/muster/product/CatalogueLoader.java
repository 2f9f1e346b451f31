package io.muster.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.muster.api.Json;
import io.muster.format.SchemaErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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

    static final String SHIPPED_LIST = "/products/products.list";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Schema SCHEMA = loadSchema();

    Result load(Optional<Path> extraDirectory) {
        Map<String, Product> products = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (String path : shippedPaths()) {
            String source = "products/" + path;
            try (InputStream in = CatalogueLoader.class.getResourceAsStream("/products/" + path)) {
                if (in == null) {
                    problems.add(new Problem(source, "listed in products/products.list but not packaged"));
                    continue;
                }
                add(source, in.readAllBytes(), products, problems);
            } catch (IOException e) {
                problems.add(new Problem(source, "could not be read: " + e.getMessage()));
            }
        }
        extraDirectory.ifPresent(directory -> {
            for (Path file : files(directory, problems)) {
                try {
                    add(file.toString(), Files.readAllBytes(file), products, problems);
                } catch (IOException e) {
                    problems.add(new Problem(file.toString(), "could not be read: " + e.getMessage()));
                }
            }
        });
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

    private static List<String> shippedPaths() {
        try (InputStream in = CatalogueLoader.class.getResourceAsStream(SHIPPED_LIST)) {
            if (in == null) {
                throw new IllegalStateException("products/products.list is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path directory, List<Problem> problems) {
        if (!Files.isDirectory(directory)) {
            problems.add(new Problem(directory.toString(), "muster.products.extra-dir is not a directory"));
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
            }).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(directory.toString(), "could not be listed: " + e.getMessage()));
            return List.of();
        }
    }

    private static Schema loadSchema() {
        try (InputStream in = CatalogueLoader.class.getResourceAsStream("/products/product.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("products/product.schema.json could not be loaded", e);
        }
    }
}
