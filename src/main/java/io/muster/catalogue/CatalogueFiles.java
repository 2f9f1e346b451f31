package io.muster.catalogue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.muster.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of a catalogue kept as data at the top of the repository ({@code standards/}, {@code products/}):
 * those shipped in the build, in the order of the folder's list file, then the YAML and JSON files of a
 * directory the operator configures. Each comes whole with its source name; a file that cannot be had is a
 * problem said about it, not a failure of the others.
 */
public final class CatalogueFiles {

    /** One file: where it came from ({@code standards/cis/1.2.0.yaml} or a path) and its bytes. */
    public record DataFile(String source, byte[] content) {
    }

    /** Where a catalogue tells what it could not read. */
    public interface Problems {
        void add(String source, String message);
    }

    private CatalogueFiles() {
    }

    /**
     * The shipped files of {@code folder} (named by {@code folder/listFile}), then those of {@code extra}, which the
     * setting {@code setting} names.
     */
    public static List<DataFile> read(String folder, String listFile, Optional<Path> extra, String setting, Problems problems) {
        List<DataFile> files = new ArrayList<>();
        for (String path : shippedPaths(folder, listFile)) {
            String source = folder + "/" + path;
            try (InputStream in = CatalogueFiles.class.getResourceAsStream("/" + source)) {
                if (in == null) {
                    problems.add(source, "listed in " + folder + "/" + listFile + " but not packaged");
                    continue;
                }
                files.add(new DataFile(source, in.readAllBytes()));
            } catch (IOException e) {
                problems.add(source, "could not be read: " + e.getMessage());
            }
        }
        extra.ifPresent(directory -> {
            for (Path file : dataFiles(directory, setting, problems)) {
                try {
                    files.add(new DataFile(file.toString(), Files.readAllBytes(file)));
                } catch (IOException e) {
                    problems.add(file.toString(), "could not be read: " + e.getMessage());
                }
            }
        });
        return files;
    }

    /** The JSON Schema (draft 2020-12) a catalogue's files must meet, from the build. */
    public static Schema schema(String resource) {
        try (InputStream in = CatalogueFiles.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " could not be loaded", e);
        }
    }

    private static List<String> shippedPaths(String folder, String listFile) {
        String list = "/" + folder + "/" + listFile;
        try (InputStream in = CatalogueFiles.class.getResourceAsStream(list)) {
            if (in == null) {
                throw new IllegalStateException(folder + "/" + listFile + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> dataFiles(Path directory, String setting, Problems problems) {
        if (!Files.isDirectory(directory)) {
            problems.add(directory.toString(), setting + " is not a directory");
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
            }).sorted().toList();
        } catch (IOException e) {
            problems.add(directory.toString(), "could not be listed: " + e.getMessage());
            return List.of();
        }
    }
}
