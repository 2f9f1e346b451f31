package io.muster.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON documents of any size as a stream of small documents, one per record, so that a 100 MB report
 * never sits in memory as one tree. A format names the arrays that hold its records ({@code []} for a
 * top-level array, {@code Findings[]}, {@code Results[].Vulnerabilities[]} …). Two passes over the same
 * bytes: the first reads each document's <em>frame</em> — everything but the records, wherever it stands
 * (a SARIF run's {@code tool} may come after its {@code results}) — and checks that the whole body is JSON
 * before anything is stored; the second hands out each record as its frame with the record array holding
 * that one element. A converter therefore converts each piece exactly as it would the whole document. A
 * document without records (one finding, one event) comes out whole.
 */
final class RecordSplitter {

    /** One record: the document to convert, and where the record stands in the source. */
    record Piece(JsonNode document, String path, String pathInPiece) {

        /**
         * A converter's message about the piece, with the record's real position in the source: the piece's
         * own position ({@code Results[0].Vulnerabilities[0]}) becomes the real one, or the message is prefixed
         * with it.
         */
        String locate(String message) {
            if (path.isEmpty() || message == null) {
                return message;
            }
            if (message.startsWith(pathInPiece)) {
                return path + message.substring(pathInPiece.length());
            }
            return path + ": " + message;
        }
    }

    interface Sink {
        void accept(Piece piece);
    }

    /** The body, readable twice. */
    interface Body {
        JsonParser open() throws IOException;
    }

    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
    private static final String ELEMENTS = "[]";

    /** The record arrays as a tree: member names (and {@code []} for array elements) down to each record array. */
    private final Node root = new Node();

    RecordSplitter(Collection<String> recordArrays) {
        for (String path : recordArrays) {
            Node node = root;
            for (String step : steps(path)) {
                node = node.children.computeIfAbsent(step, s -> new Node());
            }
            node.records = true;
        }
    }

    /** {@code Results[].Vulnerabilities[]} → Results, [], Vulnerabilities, []; {@code detail.findings[]} → detail, findings, []. */
    private static List<String> steps(String path) {
        if (!path.endsWith(ELEMENTS)) {
            throw new IllegalArgumentException("A record path ends at an array: " + path);
        }
        List<String> steps = new ArrayList<>();
        for (String segment : path.split("\\.")) {
            boolean array = segment.endsWith(ELEMENTS);
            String member = array ? segment.substring(0, segment.length() - 2) : segment;
            if (!member.isEmpty()) {
                steps.add(member);
            }
            if (array) {
                steps.add(ELEMENTS);
            }
        }
        return steps;
    }

    /**
     * Hands every record of every document in the body (one JSON value, or several: NDJSON) to the sink.
     * Returns the number of documents; malformed JSON anywhere fails the first pass, before any piece is handed out.
     */
    int split(Body body, Sink sink) throws IOException {
        List<JsonNode> frames = new ArrayList<>();
        try (JsonParser parser = body.open()) {
            while (parser.nextToken() != null) {
                Frame frame = new Frame();
                JsonNode document = frame.read(parser, root);
                frames.add(frame.records ? document : null);
            }
        }
        try (JsonParser parser = body.open()) {
            for (JsonNode frame : frames) {
                parser.nextToken();
                if (frame == null) {
                    sink.accept(new Piece(Json.MAPPER.readTree(parser), "", ""));
                } else {
                    new Records(sink).walk(parser, root, frame, new ArrayList<>());
                }
            }
        }
        return frames.size();
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        boolean records;

        Node child(String step) {
            return children.get(step);
        }
    }

    /** First pass: a document with its record arrays left empty, and whether they held anything. */
    private static final class Frame {
        boolean records;

        JsonNode read(JsonParser parser, Node node) throws IOException {
            JsonToken token = parser.currentToken();
            if (node == null || node.children.isEmpty()) {
                return Json.MAPPER.readTree(parser);
            }
            Node elements = node.child(ELEMENTS);
            if (token == JsonToken.START_ARRAY && elements != null) {
                var array = NODES.arrayNode();
                while (next(parser) != JsonToken.END_ARRAY) {
                    if (elements.records) {
                        records = true;
                        parser.skipChildren();
                    } else {
                        array.add(read(parser, elements));
                    }
                }
                return array;
            }
            if (token != JsonToken.START_OBJECT) {
                return Json.MAPPER.readTree(parser);
            }
            ObjectNode object = NODES.objectNode();
            while (next(parser) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                next(parser);
                object.set(name, read(parser, node.child(name)));
            }
            return object;
        }
    }

    /** A step from a document's root to a record: a member of an object, or an element of an array. */
    private record Step(ObjectNode object, String member, int index) {
    }

    /** Second pass: each record inside its frame. */
    private static final class Records {
        private final Sink sink;

        Records(Sink sink) {
            this.sink = sink;
        }

        void walk(JsonParser parser, Node node, JsonNode frame, List<Step> steps) throws IOException {
            JsonToken token = parser.currentToken();
            if (node == null || node.children.isEmpty()) {
                parser.skipChildren();
                return;
            }
            Node elements = node.child(ELEMENTS);
            if (token == JsonToken.START_ARRAY && elements != null) {
                int index = 0;
                while (next(parser) != JsonToken.END_ARRAY) {
                    steps.add(new Step(null, null, index));
                    if (elements.records) {
                        emit(Json.MAPPER.readTree(parser), steps);
                    } else {
                        walk(parser, elements, frame.path(index), steps);
                    }
                    steps.remove(steps.size() - 1);
                    index++;
                }
                return;
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (next(parser) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                next(parser);
                Node child = node.child(name);
                if (child == null || !(frame instanceof ObjectNode object)) {
                    parser.skipChildren();
                    continue;
                }
                steps.add(new Step(object, name, -1));
                walk(parser, child, object.path(name), steps);
                steps.remove(steps.size() - 1);
            }
        }

        /** The frame around {@code record}: each level a shallow copy, its record array holding the one record. */
        private void emit(JsonNode record, List<Step> steps) {
            JsonNode value = record;
            StringBuilder path = new StringBuilder();
            StringBuilder pathInPiece = new StringBuilder();
            for (int i = steps.size() - 1; i >= 0; i--) {
                Step step = steps.get(i);
                if (step.object() == null) {
                    value = NODES.arrayNode().add(value);
                    path.insert(0, "[" + step.index() + "]");
                    pathInPiece.insert(0, "[0]");
                } else {
                    ObjectNode copy = NODES.objectNode();
                    copy.setAll(step.object());
                    copy.set(step.member(), value);
                    value = copy;
                    String member = (i == 0 ? "" : ".") + step.member();
                    path.insert(0, member);
                    pathInPiece.insert(0, member);
                }
            }
            sink.accept(new Piece(value, path.toString(), pathInPiece.toString()));
        }
    }

    /** The next token; the end of the input inside a value is malformed JSON, not the end of the document. */
    private static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new com.fasterxml.jackson.core.io.JsonEOFException(parser, null, "Unexpected end of the document");
        }
        return token;
    }
}
