package org.twinstudio.ui.internal.wizards;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.twinstudio.model.SimulationSettings;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.ui.internal.preferences.TwinPreferences;

/** Contents of new twin model files. */
public final class TwinModelFiles {

    public static final String EXTENSION = "twin";

    private TwinModelFiles() {
    }

    /** A new model named {@code name} with simulation settings from the preferences. */
    public static TwinModel newModel(String name) {
        TwinModel model = TwinModels.createModel(name);
        SimulationSettings settings = model.getSimulation();
        if (settings == null) {
            settings = TwinFactory.eINSTANCE.createSimulationSettings();
            model.setSimulation(settings);
        }
        settings.setStepSize(TwinPreferences.store().getDouble(TwinPreferences.DEFAULT_STEP_SIZE));
        settings.setStopTime(TwinPreferences.store().getDouble(TwinPreferences.DEFAULT_STOP_TIME));
        return model;
    }

    /** The bytes of a {@code .twin} file holding a new model named {@code name}. */
    public static byte[] newModelBytes(String name) {
        Resource resource = TwinModels.newResourceSet().createResource(URI.createURI("new." + EXTENSION));
        resource.getContents().add(newModel(name));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            resource.save(bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The model name for a file name: the name without extension. */
    public static String modelName(String fileName) {
        String name = fileName.endsWith("." + EXTENSION)
                ? fileName.substring(0, fileName.length() - EXTENSION.length() - 1)
                : fileName;
        return name.isBlank() ? "model" : name;
    }
}
