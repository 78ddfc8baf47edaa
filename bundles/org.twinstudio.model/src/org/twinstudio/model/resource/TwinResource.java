package org.twinstudio.model.resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.emf.common.CommonPlugin;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.xmi.XMLHelper;
import org.eclipse.emf.ecore.xmi.XMLLoad;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.SAXXMIHandler;
import org.eclipse.emf.ecore.xmi.impl.XMILoadImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;
import org.twinstudio.model.Component;
import org.twinstudio.model.NamedElement;
import org.twinstudio.model.Port;
import org.twinstudio.model.TwinModel;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A {@code .twin} file. Differs from plain XMI in three ways that users notice:
 * <ul>
 * <li>references read as names ({@code source="heater.power"}, {@code endpoint="plc"}) instead of index paths, so
 * files stay readable and diff well;</li>
 * <li>the line and column of every element are kept, so diagnostics point into the file;</li>
 * <li>saving to a file is atomic: the new content goes to a temporary file beside the target, is forced to disk and
 * then renamed over it, so a crash mid-save leaves the previous file intact.</li>
 * </ul>
 */
public class TwinResource extends XMIResourceImpl {

    /** Line and column (1-based) of an element's start tag. */
    public record Location(int line, int column) {
    }

    private final Map<EObject, Location> locations = new WeakHashMap<>();

    public TwinResource(URI uri) {
        super(uri);
    }

    @Override
    protected boolean useUUIDs() {
        return false;
    }

    /** Where an element was read from, or {@code null} for elements created since. */
    public Location locationOf(EObject object) {
        synchronized (locations) {
            return locations.get(object);
        }
    }

    // ---- readable references ------------------------------------------------------------------------------

    @Override
    public String getURIFragment(EObject object) {
        String name = nameFragment(object);
        if (name != null && getEObjectByName(name) == object) {
            return name;
        }
        return super.getURIFragment(object);
    }

    private static String nameFragment(EObject object) {
        if (object instanceof Port port && port.getComponent() != null && isIdentifier(port.getName())
                && isIdentifier(port.getComponent().getName()) && port.getComponent().eContainer() instanceof TwinModel) {
            return port.getComponent().getName() + "." + port.getName();
        }
        if (object instanceof NamedElement named && !(object instanceof TwinModel) && !(object instanceof Port)
                && object.eContainer() instanceof TwinModel && isIdentifier(named.getName())) {
            return named.getName();
        }
        return null;
    }

    private static boolean isIdentifier(String s) {
        if (s == null || s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public EObject getEObject(String uriFragment) {
        if (uriFragment != null && !uriFragment.isEmpty() && uriFragment.charAt(0) != '/') {
            EObject named = getEObjectByName(uriFragment);
            if (named != null) {
                return named;
            }
        }
        return super.getEObject(uriFragment);
    }

    /**
     * The model's top-level elements by name (the first of each name, in containment order). A hit counts only while
     * it is still a child of the model with that name and the model has as many children as when indexed; otherwise
     * (and on a miss) the index is rebuilt. So references and diagnostics of a large twin resolve in constant time
     * instead of a scan per name. (Among duplicate names made by renaming, a cached hit may not be the first; the
     * validator reports duplicates anyway.)
     */
    private Map<String, EObject> namedChildren = new HashMap<>();
    private TwinModel indexedModel;
    private int indexedSize;

    private EObject getEObjectByName(String fragment) {
        if (getContents().isEmpty() || !(getContents().get(0) instanceof TwinModel model)) {
            return null;
        }
        int dot = fragment.indexOf('.');
        String head = dot < 0 ? fragment : fragment.substring(0, dot);
        EObject child = namedChild(model, head);
        if (child == null) {
            return null;
        }
        if (dot < 0) {
            return child;
        }
        if (child instanceof Component component) {
            String portName = fragment.substring(dot + 1);
            for (Port port : component.getPorts()) {
                if (portName.equals(port.getName())) {
                    return port;
                }
            }
        }
        return null;
    }

    private EObject namedChild(TwinModel model, String name) {
        EObject hit = indexedModel == model ? namedChildren.get(name) : null;
        if (hit != null && hit.eContainer() == model && name.equals(((NamedElement) hit).getName())
                && indexedSize == model.eContents().size()) {
            return hit;
        }
        // Missing or stale (renamed, removed, another model): index the children again.
        Map<String, EObject> index = new HashMap<>();
        for (EObject child : model.eContents()) {
            if (child instanceof NamedElement named && named.getName() != null) {
                index.putIfAbsent(named.getName(), child);
            }
        }
        namedChildren = index;
        indexedModel = model;
        indexedSize = model.eContents().size();
        return index.get(name);
    }

    // ---- locations -----------------------------------------------------------------------------------------

    @Override
    protected XMLLoad createXMLLoad() {
        return new XMILoadImpl(createXMLHelper()) {
            @Override
            protected DefaultHandler makeDefaultHandler() {
                return new LocatingHandler(resource, helper, options);
            }
        };
    }

    private final class LocatingHandler extends SAXXMIHandler {
        LocatingHandler(XMLResource resource, XMLHelper helper, Map<?, ?> options) {
            super(resource, helper, options);
        }

        @Override
        protected void processObject(EObject object) {
            if (object != null && locator != null) {
                synchronized (locations) {
                    locations.put(object, new Location(locator.getLineNumber(), locator.getColumnNumber()));
                }
            }
            super.processObject(object);
        }
    }

    @Override
    protected void doUnload() {
        synchronized (locations) {
            locations.clear();
        }
        namedChildren = new HashMap<>();
        indexedModel = null;
        super.doUnload();
    }

    // ---- atomic save ---------------------------------------------------------------------------------------

    @Override
    public void save(Map<?, ?> options) throws IOException {
        Path file = localFile();
        if (file == null) {
            super.save(options);
            return;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
        Map<Object, Object> saveOptions = new HashMap<>(defaultSaveOptions());
        if (options != null) {
            saveOptions.putAll(options);
        }
        super.save(buffer, saveOptions);
        byte[] bytes = buffer.toByteArray();
        writeAtomically(file, bytes);
        setModified(false);
        relocate(bytes);
    }

    /** Options every save uses: UTF-8, no index-based ids, schema location for tools. */
    public static Map<Object, Object> defaultSaveOptions() {
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_ENCODING, "UTF-8");
        options.put(XMLResource.OPTION_LINE_WIDTH, 120);
        options.put(XMLResource.OPTION_SAVE_TYPE_INFORMATION, Boolean.FALSE);
        return options;
    }

    /** The file this resource is stored in, or {@code null} when it is not a local file. */
    public Path localFile() {
        URI resolved = getURI() == null ? null : CommonPlugin.resolve(getURI());
        return resolved != null && resolved.isFile() ? Path.of(resolved.toFileString()).toAbsolutePath() : null;
    }

    /**
     * Writes {@code bytes} to {@code target} so that readers see either the old or the new content, never a mix:
     * temporary file in the same directory, forced to disk, renamed over the target.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".saving");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        removeStaleTemporaries(dir, target.getFileName().toString());
    }

    /** How old a temporary file of a save must be before it counts as left behind by a crash. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    /** Temporary files of saves that were killed halfway stay behind; remove the old ones, never a live one. */
    private static void removeStaleTemporaries(Path dir, String fileName) {
        String prefix = "." + fileName + ".";
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_AFTER));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".saving");
        })) {
            for (Path p : leftovers) {
                if (Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // cleaning up is a courtesy; the save itself succeeded
        }
    }

    /** After a save, the element locations are those of the new file: read them off the written bytes. */
    private void relocate(byte[] bytes) {
        TwinResource copy = new TwinResource(getURI());
        try {
            copy.load(new ByteArrayInputStream(bytes), getDefaultLoadOptions());
        } catch (IOException e) {
            return; // we just wrote these bytes; if they do not parse, the locations simply stay unknown
        }
        Map<EObject, Location> fresh = new HashMap<>();
        for (var it = copy.getAllContents(); it.hasNext();) {
            EObject readBack = it.next();
            EObject mine = getEObject(copy.getURIFragment(readBack));
            Location where = copy.locationOf(readBack);
            if (mine != null && where != null) {
                fresh.put(mine, where);
            }
        }
        synchronized (locations) {
            locations.clear();
            locations.putAll(fresh);
        }
    }

    /** Writes this resource to a stream in the same format as a file save. */
    public void saveTo(OutputStream out) throws IOException {
        super.save(out, defaultSaveOptions());
    }
}
