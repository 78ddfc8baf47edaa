package org.twinstudio.model.validation;

import java.util.Map;

import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.util.EObjectValidator;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.TwinPackage;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.model.validation.TwinDiagnostic.Severity;

/**
 * Plugs the twin constraints into EMF's {@link org.eclipse.emf.ecore.util.Diagnostician}: the model root runs
 * {@link TwinConstraints}; every element gets EMF's check that its references resolve. Each diagnostic carries
 * the element as its first datum and the check's code as its second.
 */
public final class TwinEValidator implements EValidator {

    public static final String SOURCE = "org.twinstudio.model";

    private final ComponentTypeRegistry types;

    public TwinEValidator(ComponentTypeRegistry types) {
        this.types = types;
    }

    private static volatile boolean registered;

    /**
     * Registers a validator over the default type registry for the twin package, once. EMF's registry is a plain
     * map: models validated on several threads at once (an editor's reconciler, a marker job) must not write it
     * concurrently, so the one write happens under a lock and later calls only read a flag.
     */
    public static void register() {
        if (registered) {
            return;
        }
        synchronized (TwinEValidator.class) {
            if (!registered) {
                TwinEValidator validator = new TwinEValidator(ComponentTypeRegistry.getDefault());
                if (EValidator.Registry.INSTANCE.get(TwinPackage.eINSTANCE) == null) {
                    EValidator.Registry.INSTANCE.put(TwinPackage.eINSTANCE, validator);
                }
                registered = true;
            }
        }
    }

    @Override
    public boolean validate(EObject eObject, DiagnosticChain diagnostics, Map<Object, Object> context) {
        return validate(eObject.eClass(), eObject, diagnostics, context);
    }

    @Override
    public boolean validate(EClass eClass, EObject eObject, DiagnosticChain diagnostics, Map<Object, Object> context) {
        boolean ok = EObjectValidator.INSTANCE.validate_EveryProxyResolves(eObject, diagnostics, context);
        if (eObject instanceof TwinModel model) {
            for (TwinConstraints.Finding f : TwinConstraints.check(model, types)) {
                ok &= f.severity() != Severity.ERROR;
                if (diagnostics != null) {
                    diagnostics.add(new BasicDiagnostic(toEmf(f.severity()), SOURCE, 0, f.message(),
                            new Object[] { f.element(), f.code() }));
                }
            }
        }
        return ok;
    }

    @Override
    public boolean validate(EDataType eDataType, Object value, DiagnosticChain diagnostics, Map<Object, Object> context) {
        return true;
    }

    private static int toEmf(Severity s) {
        return switch (s) {
            case ERROR -> Diagnostic.ERROR;
            case WARNING -> Diagnostic.WARNING;
            case INFO -> Diagnostic.INFO;
        };
    }
}
