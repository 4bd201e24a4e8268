package dev.agh.cli.docs;

import dev.agh.cli.RootCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Writes {@code completions/} and {@code man/} from the live command model: {@code ./mvnw -Pdocs process-classes}
 * runs it (main argument: the project directory). {@code DocsFreshnessTest} fails when the committed copies differ.
 */
public final class DocsGenerator {
    public static final String COMPLETIONS = "completions";
    public static final String MAN = "man";

    private DocsGenerator() {}

    /** Every generated file: path relative to the project directory (with '/') to its text. */
    public static Map<String, String> files() {
        CommandLine model = RootCommand.model();
        Map<String, String> files = new LinkedHashMap<>();
        for (Completions.Shell shell : Completions.Shell.values()) {
            files.put(COMPLETIONS + "/" + shell.fileName(), Completions.script(shell, model));
        }
        ManPages.pages(model).forEach((name, text) -> files.put(MAN + "/" + name, text));
        return files;
    }

    /** Files under the generated directories that the model no longer produces (a removed command's page). */
    public static List<String> strays(Path project, Map<String, String> files) throws IOException {
        List<String> strays = new ArrayList<>();
        for (String dir : List.of(COMPLETIONS, MAN)) {
            Path directory = project.resolve(dir);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(Files::isRegularFile)
                        .map(p -> dir + "/" + p.getFileName())
                        .filter(relative -> !files.containsKey(relative))
                        .sorted()
                        .forEach(strays::add);
            }
        }
        return strays;
    }

    public static void main(String[] args) throws IOException {
        Path project = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, String> files = files();
        int changed = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = project.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            if (!Files.isRegularFile(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                Files.write(target, bytes);
                System.out.println("agh docs: wrote " + file.getKey());
                changed++;
            }
        }
        for (String stray : strays(project, files)) {
            Files.delete(project.resolve(stray));
            System.out.println("agh docs: removed " + stray);
            changed++;
        }
        System.out.println("agh docs: " + files.size() + " files, " + changed + " changed, under " + project);
    }
}
