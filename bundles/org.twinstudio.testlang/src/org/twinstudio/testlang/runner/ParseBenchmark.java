package org.twinstudio.testlang.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.twinstudio.testlang.TestLangStandaloneSetup;

import com.google.inject.Injector;

/**
 * Measures reading and validating many .twintest files: writes {@code count} generated suites (each about 45
 * lines: setup, teardown, five tests with value and alert expectations, faults, ramps and a data table) next to a
 * model file and reads them all with {@link SuiteFiles}, as {@code twinstudio test} does. The generated suites are
 * valid for the heating-line example model (examples/heating-line/heating-line.twin).
 */
public final class ParseBenchmark {

    /**
     * Files read, validation errors found, wall time in seconds of reading and validating them, and of creating the
     * language's injector before (once per process).
     */
    public record Result(int files, int lines, int errors, double seconds, double setupSeconds,
            List<String> firstErrors, double cpuSeconds, double gcSeconds) {
    }

    /**
     * CPU time of the reading thread in seconds (unaffected by other processes on the machine), split into parsing
     * (lexer, parser, node model), linking (resolving every cross-reference into the model) and validation.
     */
    public record Phases(int files, double parse, double link, double validate, int errors) {
        public double total() {
            return parse + link + validate;
        }
    }

    /** Reads the suites in {@code dir} (written by {@link #run}) again, timing each phase on this thread's CPU clock. */
    public static Phases phases(Path dir, Injector injector) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".twintest")).sorted().toList();
        }
        long parse = 0;
        long link = 0;
        long validate = 0;
        int errors = 0;
        for (Path file : files) {
            long t0 = threads.getCurrentThreadCpuTime();
            Resource resource = resources.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
            long t1 = threads.getCurrentThreadCpuTime();
            EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
            long t2 = threads.getCurrentThreadCpuTime();
            for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
                if (issue.getSeverity() == Severity.ERROR) {
                    errors++;
                }
            }
            long t3 = threads.getCurrentThreadCpuTime();
            parse += t1 - t0;
            link += t2 - t1;
            validate += t3 - t2;
        }
        return new Phases(files.size(), parse / 1e9, link / 1e9, validate / 1e9, errors);
    }

    public static String describe(Phases p) {
        return String.format(Locale.ROOT, "CPU %.3f s for %d files: parse %.3f s, link %.3f s, validate %.3f s, %d errors",
                p.total(), p.files(), p.parse(), p.link(), p.validate(), p.errors());
    }

    private ParseBenchmark() {
    }

    /** Usage: {@code ParseBenchmark <heating-line.twin> [count]}; prints the figure. */
    public static void main(String[] args) throws IOException {
        Path model = Path.of(args.length > 0 ? args[0] : "examples/heating-line/heating-line.twin");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        SuiteFiles reader = new SuiteFiles();
        for (int round = 1; round <= 3; round++) {
            Path dir = Files.createTempDirectory("twintest-bench");
            System.out.println("round " + round + ": " + describe(run(model, dir, count, reader)));
            System.out.println("round " + round + ": " + describe(phases(dir,
                    new TestLangStandaloneSetup().createInjectorAndDoEMFRegistration())));
            delete(dir);
        }
    }

    public static String describe(Result r) {
        return String.format(Locale.ROOT,
                "parsed and validated %d files (%d lines) in %.3f s (%.2f ms per file; reading thread's CPU %.3f s, "
                        + "garbage collection %.3f s), %d errors; injector %.3f s",
                r.files(), r.lines(), r.seconds(), r.seconds() * 1000 / r.files(), r.cpuSeconds(), r.gcSeconds(),
                r.errors(), r.setupSeconds());
    }

    /** As {@link #run(Path, Path, int, SuiteFiles)} with a new reader (its injector creation timed apart). */
    public static Result run(Path model, Path dir, int count) throws IOException {
        long start = System.nanoTime();
        SuiteFiles reader = new SuiteFiles();
        double setup = (System.nanoTime() - start) / 1e9;
        Result r = run(model, dir, count, reader);
        return new Result(r.files(), r.lines(), r.errors(), r.seconds(), setup, r.firstErrors(), r.cpuSeconds(),
                r.gcSeconds());
    }

    /**
     * Copies the model into {@code dir}, writes the suites there and reads them all with {@code reader}; the time
     * excludes writing the files.
     */
    public static Result run(Path model, Path dir, int count, SuiteFiles reader) throws IOException {
        Files.copy(model, dir.resolve("heating-line.twin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<Path> files = new ArrayList<>();
        int lines = 0;
        for (int i = 0; i < count; i++) {
            String text = suite(i);
            lines += (int) text.lines().count();
            Path file = dir.resolve("suite" + i + ".twintest");
            Files.writeString(file, text);
            files.add(file);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long gcStart = gcMillis();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        int errors = 0;
        List<String> first = new ArrayList<>();
        for (Path file : files) {
            SuiteFiles.Loaded loaded = reader.load(file);
            errors += loaded.errors().size();
            if (first.size() < 5) {
                first.addAll(loaded.errors());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new Result(count, lines, errors, seconds, 0, first, cpu, (gcMillis() - gcStart) / 1e3);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** A realistic suite, varied by {@code i}. */
    static String suite(int i) {
        int sp = 40 + i % 25;
        return """
                // generated suite %1$d
                suite "Heating line %1$d" model "heating-line.twin"

                setup {
                    set controller.enable = true
                    set controller.setpoint = %2$d degC
                    set inletValve.open = false
                }

                teardown {
                    clear fault sensorT.value
                    log "suite %1$d done"
                }

                test "reaches setpoint %1$d" tags smoke, regression timeout 3600 s {
                    expect heater.power > 20 kW within 10 s
                    expect tank.temperature >= %3$d degC within 40 min
                    expect tank.temperature == %2$d degC ± 1.5 degC for 10 min
                }

                test "setpoint step %1$d" tags regression timeout 2 h {
                    ramp controller.setpoint to %4$d degC over 30 s
                    expect sensorT.value < 85 degC always
                    expect tank.temperature == %4$d degC ± 2 %% within 50 min
                    wait 10 min
                }

                test "faults %1$d" tags faults timeout 3600 s {
                    expect tank.temperature > 80 degC never
                    inject fault sensorT.value stuck 45 degC at 100 s for 60 s
                    wait 5 min
                    inject fault heater fail
                    wait 30 s
                    clear fault heater
                    inject fault sensorL.value dropout 30 %% for 500 ms
                    wait 20 min
                }

                test "alarm %1$d" tags alerts {
                    expect alert lowLevel never
                    inject fault sensorT.value stuck 85 degC after 60 s
                    expect alert overtemp raised within 70 s
                    clear fault sensorT.value
                    expect alert overtemp cleared within 10 s
                }

                test "table %1$d" timeout 2 h {
                    set controller.setpoint = setpoint
                    expect tank.temperature >= reached within limit
                } examples {
                    | setpoint | reached | limit  |
                    | 40 degC  | 39 degC | 25 min |
                    | 50 degC  | 49 degC | 35 min |
                }
                """.formatted(i, sp, sp - 1, Math.min(sp + 10, 75));
    }

    public static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
