package io.muster.finding.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** SQL text with its positional parameters, built up piece by piece. */
public final class SqlFragment {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    public SqlFragment append(String text) {
        sql.append(text);
        return this;
    }

    public SqlFragment append(String text, Object parameter) {
        sql.append(text);
        parameters.add(parameter);
        return this;
    }

    public SqlFragment append(SqlFragment other) {
        sql.append(other.sql);
        parameters.addAll(other.parameters);
        return this;
    }

    public boolean isEmpty() {
        return sql.length() == 0;
    }

    public String sql() {
        return sql.toString();
    }

    public List<Object> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    @Override
    public String toString() {
        return sql + " " + parameters;
    }
}
