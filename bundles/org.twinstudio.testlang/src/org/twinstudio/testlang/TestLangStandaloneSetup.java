package org.twinstudio.testlang;

import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;

import com.google.inject.Injector;

/**
 * Registers the test-sequence language (file extension {@code twintest}) outside an Eclipse workbench and creates
 * its injector: {@code new TestLangStandaloneSetup().createInjectorAndDoEMFRegistration()}.
 */
public class TestLangStandaloneSetup extends TestLangStandaloneSetupGenerated {

    public static void doSetup() {
        new TestLangStandaloneSetup().createInjectorAndDoEMFRegistration();
    }

    @Override
    public Injector createInjectorAndDoEMFRegistration() {
        routeXtextLogging();
        return super.createInjectorAndDoEMFRegistration();
    }

    /**
     * Xtext logs through log4j 1.2, which prints "no appenders could be found" on the console when nothing configured
     * it. Outside a configured application its warnings go to the JDK's System.Logger like the rest of ours.
     */
    private static synchronized void routeXtextLogging() {
        Logger root = Logger.getRootLogger();
        if (root.getAllAppenders().hasMoreElements()) {
            return;
        }
        root.setLevel(Level.WARN);
        root.addAppender(new AppenderSkeleton() {

            @Override
            protected void append(LoggingEvent event) {
                System.Logger target = System.getLogger(event.getLoggerName());
                System.Logger.Level level = event.getLevel().isGreaterOrEqual(Level.ERROR) ? System.Logger.Level.ERROR
                        : System.Logger.Level.WARNING;
                Throwable thrown = event.getThrowableInformation() == null ? null
                        : event.getThrowableInformation().getThrowable();
                target.log(level, event.getRenderedMessage(), thrown);
            }

            @Override
            public boolean requiresLayout() {
                return false;
            }

            @Override
            public void close() {
            }
        });
    }
}
