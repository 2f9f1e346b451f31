package io.muster.format;

import com.networknt.schema.Error;

/** JSON Schema errors as people read them: the member path, then the rule it breaks. */
public final class SchemaErrors {

    private SchemaErrors() {
    }

    /** {@code UserDefinedFields: must have at most 50 properties}, {@code Types[0]: does not match ^([^/]+)(/[^/]+){0,2}$}. */
    public static String describe(Error error) {
        String message = error.getMessage();
        String pointer = error.getInstanceLocation().toString();
        if (message.startsWith(pointer)) {
            message = message.substring(pointer.length()).replaceFirst("^:\\s*", "");
        }
        // AWS prints its pattern rules as "should match pattern \"…\"": keep the rule and the pattern, drop the wording
        message = message.replace("does not match the regex pattern ", "does not match ");
        String member = memberPath(pointer);
        return member.isEmpty() ? message : member + ": " + message;
    }

    /** {@code /Resources/0/Id} → {@code Resources[0].Id}. */
    public static String memberPath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String token : pointer.replaceFirst("^[$/]+", "").split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            String name = token.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                path.append('[').append(name).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(name);
            }
        }
        return path.toString();
    }
}
