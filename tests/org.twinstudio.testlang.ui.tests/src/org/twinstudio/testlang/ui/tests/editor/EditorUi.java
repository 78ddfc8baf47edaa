package org.twinstudio.testlang.ui.tests.editor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * Drives the workbench from the UI thread with real SWT events ({@link Display#post(Event)}): keys typed into the
 * focused control, as a user would. Xvfb has no window manager, so focus follows the pointer: the pointer is moved
 * onto a control before typing into it.
 */
final class EditorUi {

    static final long TIMEOUT_MS = 20_000;

    private final Display display;

    EditorUi(Display display) {
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

    void waitUntil(BooleanSupplier condition, String what) {
        waitUntil(condition, () -> what);
    }

    /** Waits; on timeout fails with the description {@code what} gives then (the state seen). */
    void waitUntil(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            pump();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("Timed out waiting for: " + what.get());
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

    /**
     * Gives a control the keyboard: its shell active, the pointer on it, focus. The pointer goes near the control's
     * top left corner, where popups that open below the caret (content assist) do not take it.
     */
    void focus(Control control) {
        control.getShell().forceActive();
        Rectangle bounds = control.getBounds();
        Point centre = control.getParent().toDisplay(bounds.x + Math.min(8, bounds.width / 2),
                bounds.y + Math.min(4, bounds.height / 2));
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = centre.x;
        move.y = centre.y;
        post(move);
        control.setFocus();
        pump(50);
    }

    private void post(Event event) {
        if (!display.post(event)) {
            throw new AssertionError("Display.post refused " + event);
        }
        pump();
    }

    void type(String text) {
        for (char c : text.toCharArray()) {
            key(0, c == '\n' ? SWT.CR : 0, c == '\n' ? '\r' : c);
        }
        pump(30);
    }

    /**
     * Types into a styled text with key events sent to the widget itself. While the content-assist popup is open,
     * Xvfb without a window manager hands the X keyboard focus to the popup's window, so posted keys no longer reach
     * the editor; events sent to the widget go the same way through the editor (verify-key listeners of content
     * assist, insertion into the document).
     */
    void typeInto(org.eclipse.swt.custom.StyledText text, String keys) {
        for (char c : keys.toCharArray()) {
            Event down = new Event();
            down.character = c == '\n' ? '\r' : c;
            down.keyCode = c == '\n' ? SWT.CR : Character.toLowerCase(c);
            text.notifyListeners(SWT.KeyDown, down);
            pump();
            Event up = new Event();
            up.character = down.character;
            up.keyCode = down.keyCode;
            text.notifyListeners(SWT.KeyUp, up);
            pump();
        }
        pump(30);
    }

    /** Presses and releases a key with modifiers (SWT.CTRL, SWT.SHIFT). */
    void key(int modifiers, int keyCode, char character) {
        for (int modifier : new int[] { SWT.CTRL, SWT.SHIFT }) {
            if ((modifiers & modifier) != 0) {
                Event down = new Event();
                down.type = SWT.KeyDown;
                down.keyCode = modifier;
                post(down);
            }
        }
        Event down = new Event();
        down.type = SWT.KeyDown;
        down.keyCode = keyCode;
        down.character = character;
        post(down);
        Event up = new Event();
        up.type = SWT.KeyUp;
        up.keyCode = keyCode;
        up.character = character;
        post(up);
        for (int modifier : new int[] { SWT.SHIFT, SWT.CTRL }) {
            if ((modifiers & modifier) != 0) {
                Event release = new Event();
                release.type = SWT.KeyUp;
                release.keyCode = modifier;
                post(release);
            }
        }
        pump();
    }

    /** Moves the X pointer to a display point. */
    void moveTo(Point point) {
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = point.x;
        move.y = point.y;
        post(move);
    }

    /** The text shown in the visible popup shells other than {@code workbench} (hovers, information controls). */
    String popupText(Shell workbench) {
        StringBuilder text = new StringBuilder();
        for (Shell shell : display.getShells()) {
            if (shell != workbench && !shell.isDisposed() && shell.isVisible()) {
                collectText(shell, text);
            }
        }
        return text.toString();
    }

    private static void collectText(Control control, StringBuilder text) {
        if (control instanceof org.eclipse.swt.custom.StyledText styled) {
            text.append(styled.getText()).append('\n');
        } else if (control instanceof org.eclipse.swt.widgets.Label label) {
            text.append(label.getText()).append('\n');
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collectText(child, text);
            }
        }
    }

    /** The visible proposal popup of content assist (a shell holding a table), or {@code null}. */
    Shell proposalPopup(Shell workbench) {
        for (Shell shell : display.getShells()) {
            if (shell != workbench && !shell.isDisposed() && shell.isVisible() && !tables(shell).isEmpty()) {
                return shell;
            }
        }
        return null;
    }

    /** The texts of the rows of the popup's table. */
    static List<String> rows(Shell popup) {
        List<String> rows = new ArrayList<>();
        for (Table table : tables(popup)) {
            for (TableItem item : table.getItems()) {
                rows.add(item.getText());
            }
        }
        return rows;
    }

    private static List<Table> tables(Control root) {
        List<Table> found = new ArrayList<>();
        if (root instanceof Table table) {
            found.add(table);
        }
        if (root instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                found.addAll(tables(child));
            }
        }
        return found;
    }

    /** Saves a PNG of what X shows in {@code area} (display coordinates). */
    void screenshot(Rectangle area, Path file) throws Exception {
        pump(200);
        Image image = new Image(display, area.width, area.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, area.x, area.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
            Files.createDirectories(file.getParent());
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
    }
}
