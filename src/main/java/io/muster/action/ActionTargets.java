package io.muster.action;

import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.api.JsonInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Custom action targets with Security Hub's rules: Id of 1–20 letters and digits, unique
 * (ResourceConflictException); Name of 1–20 characters; a Description; at most 50
 * (LimitExceededException); ARN {@code arn:aws:securityhub:<region>:<account>:action/custom/<Id>}.
 */
@ApplicationScoped
public class ActionTargets {

    public static final int MAX_TARGETS = 50;
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z]{1,20}");

    @Inject
    ActionTargetStore store;

    @Inject
    MusterConfig config;

    public ActionTarget create(JsonInput request) {
        request.allowOnly("Name", "Description", "Id");
        String id = request.member("Id").require().text(1, 20);
        if (!ID.matcher(id).matches()) {
            throw ApiException.invalidInput("Id '" + id + "' must be 1 to 20 letters and digits (A–Z, a–z, 0–9)");
        }
        String name = request.member("Name").require().text(1, 20);
        String description = request.member("Description").require().text(1, 1024);
        ActionTargetStore.Row row = new ActionTargetStore.Row(id, name, description,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        switch (store.insertWithin(row, MAX_TARGETS)) {
            case DUPLICATE_ID -> throw new ApiException(ErrorCode.ResourceConflictException,
                    "An action target with the Id '" + id + "' exists already: " + arn(id));
            case LIMIT_REACHED -> throw new ApiException(ErrorCode.LimitExceededException, "Muster keeps at most " + MAX_TARGETS
                    + " custom action targets, as Security Hub does; delete one first");
            default -> {
            }
        }
        return target(row);
    }

    /** The targets of these ARNs, or every target when none are named; an unknown ARN is ResourceNotFoundException. */
    public List<ActionTarget> describe(List<String> arns) {
        if (arns.isEmpty()) {
            return store.all().stream().map(this::target).toList();
        }
        List<ActionTarget> found = new ArrayList<>();
        for (String arn : arns) {
            found.add(find(arn));
        }
        return found;
    }

    public ActionTarget find(String arn) {
        return id(arn).flatMap(store::find).map(this::target).orElseThrow(() -> notFound(arn));
    }

    public void update(String arn, JsonInput request) {
        request.allowOnly("Name", "Description");
        ActionTarget target = find(arn);
        JsonInput name = request.member("Name");
        JsonInput description = request.member("Description");
        if (!store.update(target.id(), name.isPresent() ? name.text(1, 20) : target.name(),
                description.isPresent() ? description.text(1, 1024) : target.description())) {
            throw notFound(arn);
        }
    }

    public void delete(String arn) {
        if (!id(arn).map(store::delete).orElse(false)) {
            throw notFound(arn);
        }
    }

    String arn(String id) {
        return "arn:aws:securityhub:" + config.region() + ":" + config.accountId() + ":action/custom/" + id;
    }

    private ActionTarget target(ActionTargetStore.Row row) {
        return new ActionTarget(row.id(), arn(row.id()), row.name(), row.description(), row.createdAt().toInstant());
    }

    /** The Id at the end of an action target ARN ({@code …:action/custom/<Id>}), whatever Region and account it names. */
    private static Optional<String> id(String arn) {
        int at = arn.lastIndexOf(":action/custom/");
        if (!arn.startsWith("arn:") || at < 0) {
            return Optional.empty();
        }
        return Optional.of(arn.substring(at + ":action/custom/".length()));
    }

    private static ApiException notFound(String arn) {
        return ApiException.notFound("No action target has the ARN '" + arn + "'; DescribeActionTargets lists them");
    }
}
