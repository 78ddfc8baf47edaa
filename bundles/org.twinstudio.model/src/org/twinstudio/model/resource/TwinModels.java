package org.twinstudio.model.resource;

import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.TwinPackage;

/** TEMPORARY stand-in until the model API lands on main. */
public final class TwinModels {
    private TwinModels() {
    }

    public static ResourceSet newResourceSet() {
        ResourceSet set = new ResourceSetImpl();
        set.getPackageRegistry().put(TwinPackage.eNS_URI, TwinPackage.eINSTANCE);
        set.getResourceFactoryRegistry().getExtensionToFactoryMap().put("twin", new TwinResourceFactory());
        return set;
    }

    public static TwinModel createModel(String name) {
        TwinModel model = TwinFactory.eINSTANCE.createTwinModel();
        model.setName(name);
        model.setSimulation(TwinFactory.eINSTANCE.createSimulationSettings());
        return model;
    }
}
