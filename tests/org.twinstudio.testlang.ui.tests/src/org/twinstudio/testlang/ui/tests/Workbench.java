package org.twinstudio.testlang.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;

/** Event pumping, waiting, menus and screenshots for the workbench tests (run on the UI thread). */
final class Workbench {

    private final Display display;

    Workbench(Display display) {
        this.display = display;
    }

    void pump() {
        while (!display.isDisposed() && display.readAndDispatch()) {
            // keep dispatching
        }
    }

    void pump(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            pump();
            sleep(10);
        }
    }

    /** Dispatches events until the condition holds; fails naming {@code what} after {@code timeoutMs}. */
    void waitUntil(BooleanSupplier condition, long timeoutMs, String what) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (true) {
            pump();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Mnemonics, accelerators and the number launch menus put in front removed. */
    static String plain(String text) {
        String t = text.replace("&", "");
        int tab = t.indexOf('\t');
        if (tab >= 0) {
            t = t.substring(0, tab);
        }
        return t.replaceFirst("^\\d+ ", "").strip();
    }

    /** The item of {@code menu} with that text, after filling the menu as showing it does. */
    MenuItem item(Menu menu, String text) {
        menu.notifyListeners(SWT.Show, new Event());
        pump();
        List<String> seen = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            seen.add(plain(item.getText()));
            if (plain(item.getText()).equals(text)) {
                return item;
            }
        }
        throw new AssertionError("No menu item '" + text + "' in " + seen);
    }

    void choose(MenuItem item) {
        if (!item.isEnabled()) {
            throw new AssertionError("Menu item '" + plain(item.getText()) + "' is disabled");
        }
        item.notifyListeners(SWT.Selection, new Event());
        pump();
    }

    /** A PNG of the shell's area of the screen. */
    void screenshot(Shell shell, Path file) throws Exception {
        pump(300);
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            Files.createDirectories(file.getParent());
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
    }
}
