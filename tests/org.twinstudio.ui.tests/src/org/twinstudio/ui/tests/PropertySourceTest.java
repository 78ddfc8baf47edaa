package org.twinstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.emf.edit.provider.ReflectiveItemProviderAdapterFactory;
import org.eclipse.emf.edit.provider.resource.ResourceItemProviderAdapterFactory;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.CheckboxCellEditor;
import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.model.Component;
import org.twinstudio.model.MqttEndpoint;
import org.twinstudio.model.SimulationSettings;
import org.twinstudio.model.Solver;
import org.twinstudio.model.TwinFactory;
import org.twinstudio.model.TwinModel;
import org.twinstudio.model.TwinPackage;
import org.twinstudio.model.edit.TwinstudioItemProviderAdapterFactory;
import org.twinstudio.model.resource.TwinModels;
import org.twinstudio.model.types.ComponentTypeRegistry;
import org.twinstudio.ui.emf.EditingDomains;
import org.twinstudio.ui.emf.ItemImageCache;
import org.twinstudio.ui.emf.ItemPropertyDescriptorAdapter;
import org.twinstudio.ui.emf.ItemPropertySourceProvider;
import org.twinstudio.ui.emf.ItemProviderContentProvider;
import org.twinstudio.ui.emf.ItemProviderLabelProvider;

/** The JFace adapters over EMF.Edit: cell editors per kind of property, undoable property changes, labels, images. */
class PropertySourceTest {

    private ComposedAdapterFactory adapterFactory;
    private AdapterFactoryEditingDomain domain;
    private ItemImageCache images;
    private Shell shell;
    private TwinModel model;

    @BeforeEach
    void setUp() {
        adapterFactory = new ComposedAdapterFactory();
        adapterFactory.addAdapterFactory(new ResourceItemProviderAdapterFactory());
        adapterFactory.addAdapterFactory(new TwinstudioItemProviderAdapterFactory());
        adapterFactory.addAdapterFactory(new ReflectiveItemProviderAdapterFactory());
        domain = EditingDomains.create(adapterFactory, new BasicCommandStack(), TwinModels.newResourceSet());
        Resource resource = domain.getResourceSet().createResource(URI.createURI("memory:/test.twin"));
        model = TwinModels.createModel("line");
        model.getComponents().add(ComponentTypeRegistry.getDefault().find("heater").orElseThrow().instantiate("heater1"));
        MqttEndpoint broker = TwinFactory.eINSTANCE.createMqttEndpoint();
        broker.setName("broker");
        broker.setBrokerUrl("tcp://127.0.0.1:1883");
        model.getEndpoints().add(broker);
        resource.getContents().add(model);
        images = new ItemImageCache();
        shell = new Shell(Display.getCurrent());
    }

    @AfterEach
    void tearDown() {
        shell.dispose();
        images.dispose();
        adapterFactory.dispose();
    }

    private IPropertySource source(Object object) {
        IPropertySource source = new ItemPropertySourceProvider(adapterFactory, images).getPropertySource(object);
        assertNotNull(source, "no property source for " + object);
        return source;
    }

    private static IPropertyDescriptor descriptor(IPropertySource source, Object object, EStructuralFeature feature) {
        return Arrays.stream(source.getPropertyDescriptors())
                .filter(d -> ((ItemPropertyDescriptorAdapter) d).getItemPropertyDescriptor().getFeature(object) == feature)
                .findFirst().orElseThrow(() -> new AssertionError("no property for " + feature.getName()));
    }

    @Test
    void numbersAreEditedAsCheckedTextAndChangesAreUndoable() {
        SimulationSettings settings = model.getSimulation();
        IPropertySource source = source(settings);
        IPropertyDescriptor stepSize = descriptor(source, settings, TwinPackage.Literals.SIMULATION_SETTINGS__STEP_SIZE);

        CellEditor editor = stepSize.createPropertyEditor(shell);
        assertInstanceOf(TextCellEditor.class, editor);
        assertNotNull(editor.getValidator().isValid("fast"), "text that is no number is refused");
        assertNull(editor.getValidator().isValid("0.05"));
        editor.setValue(0.25);
        assertEquals(0.25, editor.getValue());

        source.setPropertyValue(stepSize.getId(), 0.05);
        assertEquals(0.05, settings.getStepSize(), 1e-12);
        assertTrue(domain.getCommandStack().canUndo(), "the change went through the command stack");
        domain.getCommandStack().undo();
        assertEquals(0.1, settings.getStepSize(), 1e-12);
        assertEquals("0.1", stepSize.getLabelProvider().getText(source.getPropertyValue(stepSize.getId())));
    }

    @Test
    void enumerationsAreEditedWithACombo() {
        SimulationSettings settings = model.getSimulation();
        IPropertySource source = source(settings);
        IPropertyDescriptor solver = descriptor(source, settings, TwinPackage.Literals.SIMULATION_SETTINGS__SOLVER);
        CellEditor editor = solver.createPropertyEditor(shell);
        assertInstanceOf(ComboBoxCellEditor.class, editor);
        assertTrue(Arrays.asList(((ComboBoxCellEditor) editor).getItems()).containsAll(
                Solver.VALUES.stream().map(Solver::getLiteral).toList()), "combo offers every solver");
        editor.setValue(Solver.RK4);
        assertEquals(Solver.RK4, editor.getValue());
        source.setPropertyValue(solver.getId(), Solver.RK4);
        assertEquals(Solver.RK4, settings.getSolver());
    }

    @Test
    void booleansAreEditedWithACheckBox() {
        MqttEndpoint broker = (MqttEndpoint) model.getEndpoints().get(0);
        IPropertySource source = source(broker);
        IPropertyDescriptor tls = descriptor(source, broker, TwinPackage.Literals.MQTT_ENDPOINT__TLS);
        assertInstanceOf(CheckboxCellEditor.class, tls.createPropertyEditor(shell));
        source.setPropertyValue(tls.getId(), Boolean.TRUE);
        assertTrue(broker.isTls());
        assertTrue(domain.getCommandStack().canUndo(), "the change went through the command stack: "
                + domain.getCommandStack().getMostRecentCommand());
        domain.getCommandStack().undo();
        assertFalse(broker.isTls());
    }

    @Test
    void treeContentAndLabelsComeFromTheItemProviders() {
        ItemProviderContentProvider content = new ItemProviderContentProvider(adapterFactory);
        ItemProviderLabelProvider labels = new ItemProviderLabelProvider(adapterFactory, images);
        try {
            Object[] roots = content.getElements(model.eResource());
            assertEquals(1, roots.length);
            assertEquals(model, roots[0]);
            Component heater = model.getComponents().get(0);
            assertTrue(Arrays.asList(content.getChildren(model)).contains(heater));
            assertEquals(model, content.getParent(heater));
            assertTrue(labels.getText(heater).startsWith("heater1"), labels.getText(heater));
            assertNotNull(labels.getImage(heater), "components have an icon");
            assertNotNull(labels.getImage(model), "the model has an icon");
            assertEquals(labels.getImage(heater), labels.getImage(heater), "images are cached");
        } finally {
            content.dispose();
            labels.dispose();
        }
    }
}
