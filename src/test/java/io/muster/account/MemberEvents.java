package io.muster.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the MemberAccountCreated events CreateMembers fires, as the hub's observer receives them. */
@ApplicationScoped
public class MemberEvents {

    private final List<MemberAccountCreated> seen = new CopyOnWriteArrayList<>();

    void on(@Observes MemberAccountCreated event) {
        seen.add(event);
    }

    /** The events fired for this account, oldest first. */
    public List<MemberAccountCreated> of(String accountId) {
        return seen.stream().filter(event -> event.accountId().equals(accountId)).toList();
    }
}
