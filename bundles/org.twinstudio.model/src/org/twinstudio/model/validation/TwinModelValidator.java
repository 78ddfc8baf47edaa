package org.twinstudio.model.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;

import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.FeatureMap;
import org.eclipse.emf.ecore.xml.type.AnyType;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.ClassNotFoundException;
import org.eclipse.emf.ecore.xmi.FeatureNotFoundException;
import org.eclipse.emf.ecore.xmi.IllegalValueException;
import org.eclipse.emf.ecore.xmi.PackageNotFoundException;
import org.eclipse.emf.ecore.xmi.UnresolvedReferenceException;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.TwinPackage;
import org.twinstudio.model.resource.TwinResource;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;

/**
 * Validates a loaded twin resource: what went wrong reading it, then every constraint on its model. All findings
 * carry the file, line and column.
 */
public final class TwinModelValidator {

    private TwinModelValidator() {
    }

    /** Findings for a resource, in file order. {@code file} is how messages name the file. */
    public static List<TwinDiagnostic> validate(Resource resource, String file) {
        List<TwinDiagnostic> out = new ArrayList<>();
        Set<Integer> linesWithLoadErrors = new HashSet<>();
        for (Resource.Diagnostic d : resource.getErrors()) {
            out.add(fromLoad(d, Severity.ERROR, file));
            linesWithLoadErrors.add(d.getLine());
        }
        for (Resource.Diagnostic d : resource.getWarnings()) {
            out.add(fromLoad(d, Severity.WARNING, file));
        }
        if (resource instanceof XMLResource xml) {
            reportUnknownContent(xml, file, out);
        }
        if (resource.getContents().isEmpty()) {
            if (resource.getErrors().isEmpty()) {
                out.add(new TwinDiagnostic(Severity.ERROR, "file holds no twin model", file, 1, 1, null, "load.empty"));
            }
        } else if (!TwinPackage.eNS_URI.equals(resource.getContents().get(0).eClass().getEPackage().getNsURI())) {
            out.add(new TwinDiagnostic(Severity.ERROR, "not a twin model: unknown namespace '"
                    + resource.getContents().get(0).eClass().getEPackage().getNsURI() + "' (expected " + TwinPackage.eNS_URI + ")",
                    file, 1, 1, null, "load.namespace"));
        } else if (!(resource.getContents().get(0) instanceof TwinModel model)) {
            out.add(new TwinDiagnostic(Severity.ERROR, "the root element is a " + resource.getContents().get(0).eClass().getName()
                    + ", not a TwinModel", file, 1, 1, null, "load.root"));
        } else {
            TwinEValidator.register();
            Diagnostic root = Diagnostician.INSTANCE.validate(model);
            for (Diagnostic d : root.getChildren()) {
                TwinDiagnostic td = fromConstraint(d, resource, file);
                // A reference that did not resolve is already reported where it was read.
                if (td.code().endsWith(".dangling") && linesWithLoadErrors.contains(td.line())) {
                    continue;
                }
                out.add(td);
            }
        }
        out.sort(TwinDiagnostic.IN_FILE_ORDER);
        return out;
    }

    /** Same as {@link #validate(Resource, String)}, naming the file by the resource's URI. */
    public static List<TwinDiagnostic> validate(Resource resource) {
        return validate(resource, resource.getURI() == null ? null
                : resource.getURI().isFile() ? resource.getURI().toFileString() : resource.getURI().toString());
    }

    /** Attributes and elements the metamodel does not know are kept on save; say so, so that typos are noticed. */
    private static void reportUnknownContent(XMLResource resource, String file, List<TwinDiagnostic> out) {
        for (Map.Entry<EObject, AnyType> e : resource.getEObjectToExtensionMap().entrySet()) {
            EObject owner = e.getKey();
            List<String> names = new ArrayList<>();
            for (FeatureMap.Entry attribute : e.getValue().getAnyAttribute()) {
                names.add("attribute '" + attribute.getEStructuralFeature().getName() + "'");
            }
            for (FeatureMap.Entry element : e.getValue().getAny()) {
                names.add("element '" + element.getEStructuralFeature().getName() + "'");
            }
            TwinResource.Location where = resource instanceof TwinResource twin ? twin.locationOf(owner) : null;
            for (String name : names) {
                out.add(new TwinDiagnostic(Severity.WARNING, TwinConstraints.describe(owner) + ": unknown " + name
                        + " (kept in the file, ignored by Twinstudio)", file, where == null ? 0 : where.line(),
                        where == null ? 0 : where.column(), EcoreUtil.getURI(owner).toString(), "load.unknownFeature"));
            }
        }
    }

    private static TwinDiagnostic fromLoad(Resource.Diagnostic d, Severity severity, String file) {
        String message;
        String code;
        if (d instanceof UnresolvedReferenceException u) {
            message = "unknown reference '" + u.getReference() + "' in " + u.getFeature().getName()
                    + " (expected the name of an element of this model, such as component.port)";
            code = "load.unresolvedReference";
        } else if (d instanceof PackageNotFoundException p) {
            message = "not a twin model: unknown namespace '" + p.uri() + "' (expected " + TwinPackage.eNS_URI + ")";
            code = "load.namespace";
        } else if (d instanceof ClassNotFoundException c) {
            message = "unknown element type '" + c.getName() + "'";
            code = "load.unknownType";
        } else if (d instanceof FeatureNotFoundException f) {
            message = "unknown attribute or element '" + f.getName() + "'";
            code = "load.unknownFeature";
        } else if (d instanceof IllegalValueException v) {
            message = "illegal value '" + v.getValue() + "' for " + v.getFeature().getName();
            code = "load.illegalValue";
        } else if (d instanceof Exception ex && ex.getCause() instanceof org.xml.sax.SAXParseException p) {
            message = "malformed XML: " + p.getMessage();
            code = "load.syntax";
        } else {
            message = cleanMessage(d.getMessage());
            code = "load.syntax";
        }
        return new TwinDiagnostic(severity, message, file, Math.max(d.getLine(), 0), Math.max(d.getColumn(), 0), null, code);
    }

    /** Parser messages come with Java exception prefixes; users need just the sentence. */
    static String cleanMessage(String message) {
        if (message == null || message.isBlank()) {
            return "the file could not be read";
        }
        String m = message.replaceFirst("^(?:[a-z]+\\.)+[A-Za-z]*(Exception|Error): ", "");
        return "malformed file: " + m;
    }

    private static TwinDiagnostic fromConstraint(Diagnostic d, Resource resource, String file) {
        EObject element = d.getData().isEmpty() || !(d.getData().get(0) instanceof EObject e) ? null : e;
        String code = d.getData().size() > 1 && d.getData().get(1) instanceof String s ? s : "emf";
        Severity severity = switch (d.getSeverity()) {
            case Diagnostic.ERROR, Diagnostic.CANCEL -> Severity.ERROR;
            case Diagnostic.WARNING -> Severity.WARNING;
            default -> Severity.INFO;
        };
        int line = 0;
        int column = 0;
        if (resource instanceof TwinResource twin) {
            for (EObject at = element; at != null; at = at.eContainer()) {
                TwinResource.Location where = twin.locationOf(at);
                if (where != null) {
                    line = where.line();
                    column = where.column();
                    break;
                }
            }
        }
        String uri = element == null || element.eResource() == null ? null : EcoreUtil.getURI(element).toString();
        String message = d.getMessage();
        if (d.getException() != null) {
            // A check crashed: say so plainly, with the cause, instead of EMF's object dump.
            message = "internal error while validating: " + d.getException();
            code = "validator.crash";
        }
        return new TwinDiagnostic(severity, message, file, line, column, uri, code);
    }
}
