package dev.agh.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: a fresh clone builds and passes its tests with nothing beside it. So no build file,
 * CI script or source may read a directory next to the repository.
 */
class StandsAloneTest {
    /** Spelled in two parts so this file does not match itself. */
    private static final String OUTSIDE = ".." + "/shared";

    @Test
    void noBuildFileScriptOrSourceReadsOutsideTheRepository() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : List.of(Path.of("pom.xml"), Path.of(".ci/run"))) {
            check(file, offenders);
        }
        try (Stream<Path> sources = Files.walk(Path.of("src"))) {
            for (Path file : sources.filter(Files::isRegularFile).toList()) {
                check(file, offenders);
            }
        }
        assertThat(offenders).as("files that refer to %s", OUTSIDE).isEmpty();
    }

    private static void check(Path file, List<String> offenders) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".jar") || name.endsWith(".jsa")) {
            return;
        }
        if (new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(OUTSIDE)) {
            offenders.add(file.toString());
        }
    }
}
