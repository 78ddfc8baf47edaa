package org.twinstudio.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Widget;

/**
 * Finds SWT widgets by text, label and type and drives them with real SWT events: {@link Display#post(Event)} for
 * the keyboard and the mouse pointer, and {@link Widget#notifyListeners(int, Event)} where posted events cannot
 * reach a widget under Xvfb (menus, which have no window until shown, and read-only combos). Runs on the UI thread.
 * Xvfb has no window manager, so keyboard focus follows the pointer: the driver moves the pointer onto a control
 * before typing into it.
 */
public final class UiDriver {

    public static final long TIMEOUT_MS = 20_000;

    private final Display display;

    public UiDriver(Display display) {
        this.display = display;
    }

    public Display display() {
        return display;
    }

    /** Dispatches all pending events. */
    public void pump() {
        while (!display.isDisposed() && display.readAndDispatch()) {
            // keep dispatching
        }
    }

    /** Dispatches events for {@code millis} milliseconds. */
    public void pump(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            pump();
            sleep(10);
        }
    }

    /** Dispatches events until the condition holds; fails with {@code what} after {@link #TIMEOUT_MS}. */
    public void waitUntil(BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
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

    // ---------------------------------------------------------------- finding

    /** Mnemonics and accelerator text removed: {@code "&Save\tCtrl+S"} becomes {@code "Save"}. */
    public static String plain(String text) {
        if (text == null) {
            return "";
        }
        int tab = text.indexOf('\t');
        String visible = tab >= 0 ? text.substring(0, tab) : text;
        return visible.replace("&", "").trim();
    }

    /** All controls under (and including) {@code root} of the given type that match. */
    public static <T extends Control> List<T> findAll(Control root, Class<T> type, Predicate<T> filter) {
        List<T> found = new ArrayList<>();
        collect(root, type, filter, found);
        return found;
    }

    private static <T extends Control> void collect(Control control, Class<T> type, Predicate<T> filter, List<T> out) {
        if (control.isDisposed()) {
            return;
        }
        if (type.isInstance(control) && filter.test(type.cast(control))) {
            out.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, filter, out);
            }
        }
    }

    public static <T extends Control> T find(Control root, Class<T> type, Predicate<T> filter, String what) {
        List<T> found = findAll(root, type, filter);
        if (found.isEmpty()) {
            throw new AssertionError("No " + type.getSimpleName() + " " + what + " in " + root);
        }
        return found.get(0);
    }

    /** The button whose text (without mnemonic) is {@code text}. */
    public static Button button(Control root, String text) {
        return find(root, Button.class, b -> plain(b.getText()).equals(text) && b.isVisible(), "'" + text + "'");
    }

    /** The control of type {@code type} that follows the label {@code labelText} in the label's parent. */
    public static <T extends Control> T labelled(Control root, String labelText, Class<T> type) {
        Label label = find(root, Label.class, l -> plain(l.getText()).equals(labelText), "labelled '" + labelText + "'");
        Control[] siblings = label.getParent().getChildren();
        boolean after = false;
        for (Control sibling : siblings) {
            if (sibling == label) {
                after = true;
            } else if (after && type.isInstance(sibling)) {
                return type.cast(sibling);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " after label '" + labelText + "'");
    }

    public static Text text(Control root, String labelText) {
        return labelled(root, labelText, Text.class);
    }

    /** The visible shell with the given title. */
    public Shell shell(String title) {
        for (Shell shell : display.getShells()) {
            if (!shell.isDisposed() && shell.isVisible() && title.equals(shell.getText())) {
                return shell;
            }
        }
        return null;
    }

    public Shell waitForShell(String title) {
        waitUntil(() -> shell(title) != null, "shell '" + title + "'");
        return shell(title);
    }

    // ---------------------------------------------------------------- driving with posted events

    private void post(Event event) {
        if (!display.post(event)) {
            throw new AssertionError("Display.post refused " + event);
        }
        pump();
    }

    /** Moves the X pointer to a point of the display. */
    public void moveTo(Point point) {
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = point.x;
        move.y = point.y;
        post(move);
    }

    /** The centre of a control, in display coordinates. */
    public static Point centre(Control control) {
        Rectangle bounds = control.getBounds();
        return control.getParent() == null ? new Point(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2)
                : control.getParent().toDisplay(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
    }

    /** A left click at a display point: pointer move, button down, button up. */
    public void clickAt(Point point) {
        moveTo(point);
        pump(50); // let the widget see the pointer enter before the press
        Event down = new Event();
        down.type = SWT.MouseDown;
        down.button = 1;
        post(down);
        Event up = new Event();
        up.type = SWT.MouseUp;
        up.button = 1;
        post(up);
        pump(50);
    }

    /** Clicks a button with the mouse (posted events, as a user would). */
    public void click(Button button) {
        if (!button.isEnabled()) {
            throw new AssertionError("Button '" + plain(button.getText()) + "' is disabled");
        }
        button.getShell().forceActive();
        pump();
        if ((button.getStyle() & (SWT.CHECK | SWT.RADIO)) != 0) {
            // on the check mark: the widget may be wider than its mark and text
            Rectangle bounds = button.getBounds();
            clickAt(button.getParent().toDisplay(bounds.x + 8, bounds.y + bounds.height / 2));
        } else {
            clickAt(centre(button));
        }
    }

    /** Clicks a tree item with the mouse. */
    public void click(TreeItem item) {
        Tree tree = item.getParent();
        tree.showItem(item);
        pump();
        Rectangle bounds = item.getBounds();
        clickAt(tree.toDisplay(bounds.x + Math.min(bounds.width / 2, 30), bounds.y + bounds.height / 2));
    }

    /** Gives a control the keyboard: pointer on it (focus follows the pointer without window manager) and focus. */
    public void focus(Control control) {
        control.getShell().forceActive();
        moveTo(centre(control));
        control.setFocus();
        pump();
    }

    /** Types text with posted key events into the focused control. */
    public void type(String text) {
        for (char c : text.toCharArray()) {
            key(0, c);
        }
        pump(30);
    }

    /** Replaces the content of a text field by typing: select all (Ctrl+A), then the new text. */
    public void typeInto(Text field, String text) {
        focus(field);
        field.selectAll();
        pump();
        type(text);
        waitUntil(() -> field.getText().equals(text),
                "text field to read '" + text + "' (reads '" + field.getText() + "')");
    }

    /** Presses and releases a key with modifiers (SWT.CTRL, SWT.SHIFT...). */
    public void key(int modifiers, char character) {
        key(modifiers, 0, character);
    }

    public void key(int modifiers, int keyCode, char character) {
        for (int modifier : new int[] { SWT.CTRL, SWT.SHIFT, SWT.ALT }) {
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
        for (int modifier : new int[] { SWT.ALT, SWT.SHIFT, SWT.CTRL }) {
            if ((modifiers & modifier) != 0) {
                Event release = new Event();
                release.type = SWT.KeyUp;
                release.keyCode = modifier;
                post(release);
            }
        }
    }

    // ---------------------------------------------------------------- menus and combos (notifyListeners)

    /** Fills a menu the way showing it does (menu managers populate menus on SWT.Show). */
    public void show(Menu menu) {
        menu.notifyListeners(SWT.Show, new Event());
        pump();
    }

    /** The item with the given text (mnemonic and accelerator stripped) of a menu, after filling it. */
    public MenuItem item(Menu menu, String text) {
        show(menu);
        List<String> seen = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            seen.add(plain(item.getText()));
            if (plain(item.getText()).equals(text)) {
                return item;
            }
        }
        throw new AssertionError("No menu item '" + text + "' in " + seen);
    }

    /** The item at the end of a path of menu labels, e.g. ("File", "New", "Twin Project"). */
    public MenuItem item(Menu menu, String... path) {
        Menu current = menu;
        MenuItem item = null;
        for (int i = 0; i < path.length; i++) {
            item = item(current, path[i]);
            if (i < path.length - 1) {
                current = item.getMenu();
                if (current == null) {
                    throw new AssertionError("'" + path[i] + "' is not a cascade");
                }
            }
        }
        return item;
    }

    /** Chooses a menu item as a click would: the item's selection listeners run. */
    public void choose(MenuItem item) {
        if (!item.isEnabled()) {
            throw new AssertionError("Menu item '" + plain(item.getText()) + "' is disabled");
        }
        item.notifyListeners(SWT.Selection, new Event());
        pump();
    }

    /** Selects the combo entry starting with {@code prefix} and notifies the combo's selection listeners. */
    public void select(Combo combo, String prefix) {
        String[] items = combo.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].startsWith(prefix)) {
                combo.select(i);
                combo.notifyListeners(SWT.Selection, new Event());
                pump();
                return;
            }
        }
        throw new AssertionError("No entry '" + prefix + "...' in " + List.of(items));
    }

    // ---------------------------------------------------------------- modal dialogs

    /**
     * Runs {@code opener}, which opens a modal dialog titled {@code title} and returns when it closes, and drives the
     * dialog with {@code driver} from inside the dialog's event loop. If the driver fails, the dialog is closed and the
     * failure is rethrown here.
     */
    public void modal(String title, Runnable opener, Consumer<Shell> driver) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean driven = new AtomicBoolean();
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            if (driven.get()) {
                return;
            }
            Shell shell = shell(title);
            if (shell == null) {
                if (System.currentTimeMillis() < deadline) {
                    display.timerExec(50, poll[0]);
                } else {
                    failure.compareAndSet(null, new AssertionError("Dialog '" + title + "' did not open"));
                }
                return;
            }
            driven.set(true);
            try {
                pump(300); // let the dialog finish opening and laying out
                driver.accept(shell);
            } catch (Throwable t) {
                failure.set(t);
                try {
                    screenshot(shell, Path.of("target", "screenshots", "failed-" + title.replace(' ', '-') + ".png"));
                } catch (Exception e) {
                    t.addSuppressed(e);
                }
                if (!shell.isDisposed()) {
                    shell.close();
                }
            }
        };
        display.timerExec(50, poll[0]);
        opener.run();
        waitUntil(() -> driven.get() || failure.get() != null, "dialog '" + title + "'");
        Throwable error = failure.get();
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        if (error != null) {
            throw new AssertionError(error);
        }
    }

    // ---------------------------------------------------------------- screenshots

    /**
     * Saves a PNG of the shell's area of the screen (what X shows, including dialogs above it): from the top of the
     * shell (menu bar included) to the bottom of its client area.
     */
    public void screenshot(Shell shell, Path file) throws Exception {
        pump(200);
        Rectangle bounds = shell.getBounds();
        Rectangle client = shell.getClientArea();
        Point clientOrigin = shell.toDisplay(client.x, client.y);
        int height = Math.min(bounds.height, clientOrigin.y + client.height - bounds.y);
        Image image = new Image(display, bounds.width, Math.max(1, height));
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
