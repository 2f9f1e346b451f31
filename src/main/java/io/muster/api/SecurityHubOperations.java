package io.muster.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every operation of the Security Hub API, with its HTTP method and path, from
 * {@code api/securityhub-operations.tsv} (taken from the AWS SDK's service model). A request that reaches
 * no route of Muster's is looked up here: if it is an operation Muster does not implement, the caller is
 * told so by name, with the reason — never a bare "no such path".
 */
public final class SecurityHubOperations {

    /** One operation: its name, method, path template, and why Muster does not implement it (null if it does). */
    public record Operation(String name, String method, String path, String unsupportedBecause) {

        public boolean supported() {
            return unsupportedBecause == null;
        }

        boolean matches(String method, String rawPath) {
            return this.method.equals(method) && pattern(path).matcher(rawPath).matches();
        }

        /** {@code /insights/{InsightArn+}} → {@code /insights/.+}; {@code /tags/{ResourceArn}} → {@code /tags/[^/]+}. */
        private static Pattern pattern(String template) {
            StringBuilder regex = new StringBuilder();
            int at = 0;
            while (at < template.length()) {
                int open = template.indexOf('{', at);
                if (open < 0) {
                    regex.append(Pattern.quote(template.substring(at)));
                    break;
                }
                int close = template.indexOf('}', open);
                regex.append(Pattern.quote(template.substring(at, open)));
                regex.append(template.charAt(close - 1) == '+' ? ".+" : "[^/]+");
                at = close + 1;
            }
            return Pattern.compile(regex.toString());
        }
    }

    private static final List<Operation> ALL = load();

    private SecurityHubOperations() {
    }

    public static List<Operation> all() {
        return ALL;
    }

    /** The operation a request names by its method and path, if it is one of Security Hub's. */
    public static Optional<Operation> find(String method, String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        // the most literal template wins: /automationrulesv2/list before /automationrulesv2/{Identifier}
        return ALL.stream().filter(operation -> operation.matches(method, path))
                .max(java.util.Comparator.comparingInt(operation -> operation.path().replaceAll("\\{[^}]*}", "").length()));
    }

    /** The answer to an operation Muster does not implement. */
    public static ApiException unsupported(Operation operation) {
        return ApiException.invalidInput("Muster does not support the Security Hub operation " + operation.name() + " ("
                + operation.method() + " " + operation.path() + "): " + operation.unsupportedBecause()
                + ". The operations Muster supports are listed in its README (Security Hub operations).");
    }

    private static List<Operation> load() {
        List<Operation> operations = new ArrayList<>();
        try (InputStream in = SecurityHubOperations.class.getResourceAsStream("/api/securityhub-operations.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                String reason = columns.length > 3 && !columns[3].isBlank() ? columns[3] : null;
                operations.add(new Operation(columns[0], columns[1], columns[2], reason));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(operations);
    }
}
