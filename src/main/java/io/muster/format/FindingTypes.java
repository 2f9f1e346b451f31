package io.muster.format;

import java.util.regex.Pattern;

/**
 * The one rule Security Hub applies to a finding type ({@code Types}, {@code FindingProviderFields.Types},
 * BatchUpdateFindings' {@code Types} and an automation rule action's {@code FindingFieldsUpdate.Types}): one
 * to three non-empty segments separated by {@code /}, any namespace. AWS refuses a bad one with
 * {@code data.Types[0] should match pattern "^([^/]+)(/[^/]+){0,2}$"} (quoted in prowler-cloud/prowler#2519),
 * and the AWS::SecurityHub::AutomationRule resource schema states the same pattern; the five namespaces of
 * the ASFF taxonomy are guidance, not validation (Prowler's {@code IAM} and {@code ens-op.acc.5.aws.iam.1}
 * are accepted). The model types each entry as NonEmptyString ({@code .*\S.*}), so a blank entry is refused too.
 */
public final class FindingTypes {

    /** AWS's pattern, as its error message prints it. The JSON Schema uses the same text. */
    public static final String PATTERN = "^([^/]+)(/[^/]+){0,2}$";
    /** Security Hub's limit on the entries of one Types list. */
    public static final int MAX_TYPES = 50;

    private static final Pattern TYPE = Pattern.compile(PATTERN);
    private static final Pattern NON_BLANK = Pattern.compile("\\S");

    private FindingTypes() {
    }

    /** Why {@code type} is not a finding type ({@code does not match …}), or null when it is one. */
    public static String problem(String type) {
        if (!TYPE.matcher(type).matches()) {
            return "does not match " + PATTERN;
        }
        if (!NON_BLANK.matcher(type).find()) {
            return "must contain a non-whitespace character";
        }
        return null;
    }
}
