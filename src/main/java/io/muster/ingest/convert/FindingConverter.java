package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Turns one detector's own output into ASFF findings for the import pipeline. A converter is a pure
 * function of the document: it never stores anything, never invents an Id (each finding's Id is derived
 * from the source's own identifiers so that a re-import updates the same finding), and reports a record
 * it cannot convert as a {@link Converted#refused refusal} naming the source field at fault instead of
 * throwing. The pipeline then validates each converted finding against ASFF like any other.
 */
public interface FindingConverter {

    /** The format's name in {@code /findings/import/{format}} and on the bus, e.g. {@code guardduty}. */
    String format();

    /**
     * Converts one document as the detector wrote it (a whole report, an array of records or a single
     * record — whatever shapes the format has).
     *
     * @throws io.muster.api.ApiException (invalid input) when the document as a whole is not of this format
     */
    List<Converted> convert(JsonNode document, ConversionContext context);

    /**
     * The arrays of a document that hold its records — {@code []} for a top-level array,
     * {@code Findings[]}, {@code Results[].Vulnerabilities[]} — so that a large document can be read one
     * record at a time: each element comes to {@link #convert} as the document around it with that array
     * holding the one element (members that come after the array in the source are not seen).
     */
    Set<String> recordArrays();
}
