package org.twinstudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.Range;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twinstudio.sim.Signal;
import org.twinstudio.ui.internal.results.ResultPlot;

/** The plot's axes: fitted to the data, one per unit, drawable whatever the values, zoom kept across updates. */
class ResultPlotTest {

    private UiDriver ui;
    private Shell shell;
    private ResultPlot plot;

    @BeforeEach
    void open() {
        ui = new UiDriver(Display.getCurrent());
        shell = new Shell(Display.getCurrent());
        shell.setLayout(new FillLayout());
        plot = new ResultPlot(shell);
        shell.setBounds(0, 0, 600, 400);
        shell.open();
        ui.pump(100);
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    private static void assertDrawable(IAxis axis) {
        Range r = axis.getRange();
        assertTrue(Double.isFinite(r.upper - r.lower) && r.upper > r.lower, "drawable range " + r);
    }

    @Test
    void axesFitTheDataOnePerUnit() {
        Signal t = new Signal("tank", "temperature", "degC");
        Signal p = new Signal("heater", "power", "W");
        Signal s = new Signal("sensor", "value", "degC");
        plot.show(List.of(t, p, s), new double[] { 0, 1, 2 },
                new double[][] { { 10, 20, 30 }, { 0, 500, 1000 }, { 12, 22, 32 } });
        ui.pump(50);
        IAxis[] y = plot.chart().getAxisSet().getYAxes();
        assertEquals(2, y.length);
        assertEquals("[degC]", y[0].getTitle().getText());
        assertEquals("[W]", y[1].getTitle().getText());
        assertEquals(IAxis.Position.Secondary, y[1].getPosition());
        // 5 % of the span added on each side of 10..32 and 0..1000; time exactly 0..2
        assertEquals(10 - 1.1, y[0].getRange().lower, 1e-9);
        assertEquals(32 + 1.1, y[0].getRange().upper, 1e-9);
        assertEquals(-50, y[1].getRange().lower, 1e-9);
        assertEquals(1050, y[1].getRange().upper, 1e-9);
        assertEquals(0, plot.chart().getAxisSet().getXAxis(0).getRange().lower);
        assertEquals(2, plot.chart().getAxisSet().getXAxis(0).getRange().upper);
    }

    @Test
    void hugeFlatAndNonFiniteValuesStayDrawable() {
        Signal huge = new Signal("g", "y", "");
        Signal flat = new Signal("c", "y", "m");
        plot.show(List.of(huge, flat), new double[] { 0, 1, 2, 3 }, new double[][] {
                { -1.7e308, 1.7e308, Double.POSITIVE_INFINITY, Double.NaN }, { 0.8, 0.8, 0.8, 0.8 } });
        shell.layout(true, true);
        plot.chart().redraw();
        ui.pump(100); // laying out ticks over an infinite span would never return
        for (IAxis axis : plot.chart().getAxisSet().getAxes()) {
            assertDrawable(axis);
        }
        Range level = plot.chart().getAxisSet().getYAxis(1).getRange();
        assertEquals(0.76, level.lower, 1e-12);
        assertEquals(0.84, level.upper, 1e-12);
    }

    @Test
    void zoomIsKeptAcrossUpdatesUntilFit() {
        Signal t = new Signal("tank", "temperature", "degC");
        plot.show(List.of(t), new double[] { 0, 50, 100 }, new double[][] { { 1, 2, 3 } });
        plot.zoom(true);
        Range zoomed = plot.chart().getAxisSet().getXAxis(0).getRange();
        assertTrue(zoomed.upper - zoomed.lower < 100, "zoomed: " + zoomed);
        plot.show(List.of(t), new double[] { 0, 50, 100, 150 }, new double[][] { { 1, 2, 3, 4 } });
        assertEquals(zoomed.lower, plot.chart().getAxisSet().getXAxis(0).getRange().lower);
        assertEquals(zoomed.upper, plot.chart().getAxisSet().getXAxis(0).getRange().upper);
        plot.fit();
        assertEquals(150, plot.chart().getAxisSet().getXAxis(0).getRange().upper);
        for (int i = 0; i < 2000; i++) {
            plot.zoom(false); // zooming out for ever stops at a range the chart can still draw
        }
        assertDrawable(plot.chart().getAxisSet().getXAxis(0));
    }
}
