package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.muster.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a document is cut into one small document per record, and what each piece keeps of the whole. */
class RecordSplitterTest {

    private static List<RecordSplitter.Piece> split(Set<String> arrays, String json) throws Exception {
        List<RecordSplitter.Piece> pieces = new ArrayList<>();
        new RecordSplitter(arrays).split(SpooledBody.of(json.getBytes(StandardCharsets.UTF_8)), pieces::add);
        return pieces;
    }

    @Test
    void eachElementOfATopLevelArrayIsAPieceOfItsOwn() throws Exception {
        var pieces = split(Set.of("[]"), "[{\"id\":1},{\"id\":2},{\"id\":3}]");
        assertThat(pieces).extracting(p -> Json.write(p.document())).containsExactly("[{\"id\":1}]", "[{\"id\":2}]", "[{\"id\":3}]");
        assertThat(pieces).extracting(RecordSplitter.Piece::path).containsExactly("[0]", "[1]", "[2]");
    }

    @Test
    void aRecordKeepsEveryMemberAroundItEvenThoseThatComeAfterIt() throws Exception {
        String sarif = "{\"runs\":[{\"results\":[{\"ruleId\":\"a\"},{\"ruleId\":\"b\"}],\"tool\":{\"driver\":{\"name\":\"semgrep\"}}}],"
                + "\"version\":\"2.1.0\"}";
        var pieces = split(Set.of("runs[].results[]"), sarif);
        assertThat(pieces).hasSize(2);
        assertThat(Json.write(pieces.get(1).document())).isEqualTo("{\"runs\":[{\"results\":[{\"ruleId\":\"b\"}],"
                + "\"tool\":{\"driver\":{\"name\":\"semgrep\"}}}],\"version\":\"2.1.0\"}");
        assertThat(pieces.get(1).path()).isEqualTo("runs[0].results[1]");
    }

    @Test
    void nestedRecordArraysKeepTheirParentsMembersAndLeaveOutTheirSiblings() throws Exception {
        String trivy = "{\"ArtifactName\":\"img\",\"Results\":[{\"Target\":\"os\",\"Vulnerabilities\":[{\"V\":1},{\"V\":2}]},"
                + "{\"Target\":\"jar\",\"Vulnerabilities\":[{\"V\":3}],\"Secrets\":[{\"S\":1}]}]}";
        var pieces = split(Set.of("Results[].Vulnerabilities[]", "Results[].Secrets[]"), trivy);
        assertThat(pieces).extracting(p -> Json.write(p.document())).containsExactly(
                "{\"ArtifactName\":\"img\",\"Results\":[{\"Target\":\"os\",\"Vulnerabilities\":[{\"V\":1}]}]}",
                "{\"ArtifactName\":\"img\",\"Results\":[{\"Target\":\"os\",\"Vulnerabilities\":[{\"V\":2}]}]}",
                "{\"ArtifactName\":\"img\",\"Results\":[{\"Target\":\"jar\",\"Vulnerabilities\":[{\"V\":3}],\"Secrets\":[]}]}",
                "{\"ArtifactName\":\"img\",\"Results\":[{\"Target\":\"jar\",\"Vulnerabilities\":[],\"Secrets\":[{\"S\":1}]}]}");
        assertThat(pieces.get(3).path()).isEqualTo("Results[1].Secrets[0]");
        assertThat(pieces.get(3).locate("Results[0].Secrets[0].RuleID: missing")).isEqualTo("Results[1].Secrets[0].RuleID: missing");
        assertThat(pieces.get(3).locate("class_uid: 9")).isEqualTo("Results[1].Secrets[0]: class_uid: 9");
    }

    @Test
    void aDocumentWithoutRecordsComesOutWholeAndNdjsonDocumentByDocument() throws Exception {
        var pieces = split(Set.of("[]", "Findings[]"), "{\"SchemaVersion\":\"2018-10-08\",\"Id\":\"a\"}\n{\"Findings\":[{\"Id\":\"b\"}]}\n"
                + "{\"Findings\":[]}");
        assertThat(pieces).extracting(p -> Json.write(p.document()))
                .containsExactly("{\"SchemaVersion\":\"2018-10-08\",\"Id\":\"a\"}", "{\"Findings\":[{\"Id\":\"b\"}]}", "{\"Findings\":[]}");
    }

    @Test
    void malformedJsonAnywhereIsFoundBeforeAnyPieceIsHandedOut() {
        List<RecordSplitter.Piece> pieces = new ArrayList<>();
        assertThatThrownBy(() -> new RecordSplitter(Set.of("[]"))
                .split(SpooledBody.of("[{\"id\":1},{\"id\":2},{\"id\":".getBytes(StandardCharsets.UTF_8)), pieces::add))
                .isInstanceOf(JsonProcessingException.class);
        assertThat(pieces).isEmpty();
    }
}
