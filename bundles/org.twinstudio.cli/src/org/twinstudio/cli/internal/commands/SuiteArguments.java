package org.twinstudio.cli.internal.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The FILE_OR_DIR arguments of the commands on test suites: files as given, directories as their *.twintest files. */
final class SuiteArguments {

    private SuiteArguments() {
    }

    /**
     * The suite files the arguments name, in order without repeats (each directory's sorted); null after printing
     * {@code twinstudio COMMAND: …} to {@code err} when an argument cannot be read or none is a suite.
     */
    static Set<Path> collect(List<Path> inputs, String command, PrintWriter err) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(p -> p.toString().endsWith(".twintest") && Files.isRegularFile(p)).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    err.println("twinstudio " + command + ": cannot list " + input + ": " + e.getMessage());
                    return null;
                }
            } else if (Files.isRegularFile(input) && Files.isReadable(input)) {
                files.add(input);
            } else {
                err.println("twinstudio " + command + ": no readable file or directory " + input);
                return null;
            }
        }
        if (files.isEmpty()) {
            err.println("twinstudio " + command + ": no *.twintest file in " + inputs);
            return null;
        }
        return files;
    }
}
