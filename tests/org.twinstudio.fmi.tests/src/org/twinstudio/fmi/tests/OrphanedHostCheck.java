package org.twinstudio.fmi.tests;

import java.nio.file.Path;
import java.time.Duration;

import org.twinstudio.fmi.Fmu;
import org.twinstudio.fmi.FmuInstance;
import org.twinstudio.fmi.FmuKind;
import org.twinstudio.fmi.internal.IsolatedInstance;

/**
 * A JVM that starts an isolated instance of the crashing FMU, prints its host's process id and then ends without
 * closing it: {@code exit} (System.exit: shutdown hooks run), {@code halt} (Runtime.halt: none run) or
 * {@code halt-hung} (halt while the host loops forever in doStep). Run by {@link IsolationTest} in a JVM of its own.
 */
public final class OrphanedHostCheck {

    private OrphanedHostCheck() {
    }

    public static void main(String[] args) throws Exception {
        Fmu fmu = Fmu.open(Path.of(args[0]));
        FmuInstance i = fmu.instantiateIsolated(FmuKind.CO_SIMULATION, "orphan", Duration.ofMinutes(5));
        i.enterInitializationMode(Double.NaN, 0, Double.NaN);
        i.setReal(new int[] { 0, 1 }, new double[] { 1, 3 }); // loop forever at the first step
        i.exitInitializationMode();
        System.out.println(((IsolatedInstance) i).host().pid());
        System.out.flush();
        switch (args[1]) {
            case "exit" -> System.exit(0);
            case "halt" -> Runtime.getRuntime().halt(0);
            default -> {
                Thread.ofPlatform().daemon().start(() -> i.doStep(0, 0.1));
                Thread.sleep(300);
                Runtime.getRuntime().halt(0);
            }
        }
    }
}
