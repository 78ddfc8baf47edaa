package org.twinstudio.model.tests;

import java.nio.file.Path;

import org.twinstudio.model.TwinModel;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeDescriptor;
import org.twinstudio.model.types.ComponentTypeRegistry;

/**
 * Child process for {@link AtomicSaveTest}: saves a large model to one file over and over, announcing each save,
 * until it is killed.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        TwinModel model = TwinModels.load(file).model();
        ComponentTypeDescriptor tank = ComponentTypeRegistry.getDefault().find("tank").orElseThrow();
        // Make the file big (~1 MB) so that saves take long enough to be hit; a rerun finds them already there.
        for (int i = model.getComponents().size(); i < 400; i++) {
            model.getComponents().add(tank.instantiate("bulk" + i));
        }
        for (int round = 1;; round++) {
            model.setDescription("round " + round + " complete");
            System.out.println("saving " + round);
            System.out.flush();
            TwinModels.save(model, file);
            System.out.println("saved " + round);
            System.out.flush();
        }
    }
}
