package org.twinstudio.ui.internal.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.MouseEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IAxisSet;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.swtchart.Range;
import org.twinstudio.sim.Signal;

/**
 * A line plot of signals over time on an SWTChart {@link Chart}: time [s] on the x axis, one y axis per unit (the
 * first on the left, the others on the right), legend entries {@code component.port [unit]}. The mouse wheel zooms the
 * time axis around the pointer, dragging pans, a double click fits all data; after the user zoomed or panned, new data
 * keeps the chosen ranges until {@link #fit()}.
 */
public final class ResultPlot {

    /** Series colours, chosen to stay apart for common colour vision deficiencies. */
    private static final int[][] PALETTE = { { 0, 114, 178 }, { 213, 94, 0 }, { 0, 158, 115 }, { 204, 121, 167 },
            { 230, 159, 0 }, { 86, 180, 233 }, { 120, 120, 120 }, { 0, 0, 0 } };

    private final Chart chart;
    private final Color[] colours;
    private boolean userRange;
    private double timeEnd = Double.NaN;
    private int dragX = -1;
    private int dragY;

    public ResultPlot(Composite parent) {
        chart = new Chart(parent, SWT.NONE);
        colours = new Color[PALETTE.length];
        for (int i = 0; i < PALETTE.length; i++) {
            colours[i] = new Color(PALETTE[i][0], PALETTE[i][1], PALETTE[i][2]);
        }
        chart.getTitle().setVisible(false);
        chart.getLegend().setPosition(SWT.BOTTOM);
        IAxisSet axes = chart.getAxisSet();
        axes.getXAxis(0).getTitle().setText("time [s]");
        axes.getYAxis(0).getTitle().setText("value");
        Control area = chart.getPlotArea().getControl();
        area.addMouseWheelListener(this::wheel);
        area.addMouseListener(new org.eclipse.swt.events.MouseAdapter() {
            @Override
            public void mouseDown(MouseEvent e) {
                if (e.button == 1) {
                    dragX = e.x;
                    dragY = e.y;
                }
            }

            @Override
            public void mouseUp(MouseEvent e) {
                dragX = -1;
            }

            @Override
            public void mouseDoubleClick(MouseEvent e) {
                fit();
            }
        });
        area.addMouseMoveListener(e -> {
            if (dragX >= 0 && (e.stateMask & SWT.BUTTON1) != 0) {
                pan(e.x - dragX, e.y - dragY);
                dragX = e.x;
                dragY = e.y;
            }
        });
    }

    public Chart chart() {
        return chart;
    }

    public Control control() {
        return chart;
    }

    /**
     * Shows the given signals: {@code times} shared, {@code values[i]} the series of {@code signals.get(i)}. Keeps the
     * user's zoom and pan, otherwise fits the axes to the data.
     */
    public void show(List<Signal> signals, double[] times, double[][] values) {
        show(signals, times, values, Double.NaN);
    }

    /** As {@link #show(List, double[], double[][])}, the time axis reaching at least {@code end} when fitted. */
    public void show(List<Signal> signals, double[] times, double[][] values, double end) {
        timeEnd = end;
        chart.suspendUpdate(true);
        try {
            IAxisSet axes = chart.getAxisSet();
            Range xRange = axes.getXAxis(0).getRange();
            for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
                chart.getSeriesSet().deleteSeries(series.getId());
            }
            Map<String, Integer> axisOfUnit = new LinkedHashMap<>();
            for (Signal signal : signals) {
                axisOfUnit.putIfAbsent(unit(signal), axisOfUnit.size());
            }
            int[] existing = axes.getYAxisIds();
            for (int id : existing) {
                if (id != 0) {
                    axes.deleteYAxis(id);
                }
            }
            Range firstY = axes.getYAxis(0).getRange();
            List<Integer> axisIds = new ArrayList<>();
            for (String unit : axisOfUnit.keySet()) {
                int id = axisIds.isEmpty() ? 0 : axes.createYAxis();
                IAxis axis = axes.getYAxis(id);
                axis.getTitle().setText(SignalTree.unitLabel(unit));
                if (id != 0) {
                    axis.setPosition(IAxis.Position.Secondary);
                }
                axisIds.add(id);
            }
            if (axisOfUnit.isEmpty()) {
                axes.getYAxis(0).getTitle().setText("value");
            }
            for (int i = 0; i < signals.size(); i++) {
                Signal signal = signals.get(i);
                ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE,
                        signal.header());
                series.setSymbolType(PlotSymbolType.NONE);
                series.setLineStyle(LineStyle.SOLID);
                series.setLineWidth(2);
                series.setLineColor(colours[i % colours.length]);
                series.setXSeries(times);
                series.setYSeries(values[i]);
                series.setYAxisId(axisIds.get(axisOfUnit.get(unit(signal))));
            }
            if (userRange) {
                axes.getXAxis(0).setRange(xRange);
                axes.getYAxis(0).setRange(firstY);
                for (int id : axes.getYAxisIds()) {
                    if (id != 0) {
                        axes.getYAxis(id).setRange(yRange(id));
                    }
                }
            } else {
                adjust();
            }
        } finally {
            chart.suspendUpdate(false);
        }
        chart.redraw();
    }

    private static String unit(Signal signal) {
        return signal.unit() == null ? "" : signal.unit();
    }

    /**
     * Fits the axes to the data: time from the first sample to {@link #timeEnd} (or the last sample), each y axis to
     * its series with a margin. Computed here rather than by the chart so that flat, huge or non-finite data still
     * give finite ranges of positive length (the chart's tick layout does not terminate on an infinite span).
     */
    private void adjust() {
        IAxisSet axes = chart.getAxisSet();
        double[] time = { Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
        Map<Integer, double[]> yExtent = new LinkedHashMap<>();
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            extend(time, series.getXSeries());
            extend(yExtent.computeIfAbsent(series.getYAxisId(),
                    id -> new double[] { Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY }), series.getYSeries());
        }
        if (Double.isFinite(timeEnd) && timeEnd > time[0]) {
            time[1] = Math.max(time[1], timeEnd);
        }
        axes.getXAxis(0).setRange(range(time[0], time[1], 0));
        for (int id : axes.getYAxisIds()) {
            double[] extent = yExtent.getOrDefault(id, new double[] { 0, 1 });
            axes.getYAxis(id).setRange(range(extent[0], extent[1], 0.05));
        }
    }

    private static void extend(double[] extent, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                extent[0] = Math.min(extent[0], v);
                extent[1] = Math.max(extent[1], v);
            }
        }
    }

    /** A finite range of positive length around [lo, hi], widened by {@code margin} of its span on each side. */
    public static Range range(double lo, double hi, double margin) {
        final double limit = 1e300; // keeps hi - lo finite
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        double span = hi - lo;
        double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
        if (!(span > 1e-9 * Math.max(magnitude, 1e-300))) {
            double pad = magnitude > 0 ? magnitude * 0.05 : 1;
            lo -= pad;
            hi += pad;
        } else {
            lo -= span * margin;
            hi += span * margin;
        }
        return new Range(Math.max(-limit, Math.min(lo, limit / 2)), Math.min(limit, Math.max(hi, -limit / 2)));
    }

    private Range yRange(int axisId) {
        double[] extent = { Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            if (series.getYAxisId() == axisId) {
                extend(extent, series.getYSeries());
            }
        }
        return range(extent[0], extent[1], 0.05);
    }

    /** Undoes a zoom or pan that left a range the chart cannot draw (too narrow, too wide, not finite). */
    private static void keepUsable(IAxis axis, Range before) {
        Range r = axis.getRange();
        double span = r.upper - r.lower;
        double magnitude = Math.max(Math.abs(r.lower), Math.abs(r.upper));
        if (!Double.isFinite(span) || !(span > 1e-9 * magnitude) || magnitude > 1e300) {
            axis.setRange(before);
        }
    }

    /** Fits all axes to the data and forgets the user's zoom and pan. */
    public void fit() {
        userRange = false;
        adjust();
        chart.redraw();
    }

    /** Zooms the time axis in (factor &gt; 1) or out around its centre. */
    public void zoom(boolean in) {
        userRange = true;
        IAxis x = chart.getAxisSet().getXAxis(0);
        Range before = x.getRange();
        if (in) {
            x.zoomIn();
        } else {
            x.zoomOut();
        }
        keepUsable(x, before);
        chart.redraw();
    }

    private void wheel(MouseEvent e) {
        userRange = true;
        IAxis x = chart.getAxisSet().getXAxis(0);
        double at = x.getDataCoordinate(e.x);
        Range before = x.getRange();
        if (e.count > 0) {
            x.zoomIn(at);
        } else {
            x.zoomOut(at);
        }
        keepUsable(x, before);
        chart.redraw();
    }

    private void pan(int dx, int dy) {
        if (dx == 0 && dy == 0) {
            return;
        }
        userRange = true;
        for (IAxis axis : chart.getAxisSet().getAxes()) {
            int delta = axis.getDirection() == IAxis.Direction.X ? dx : dy;
            if (delta == 0) {
                continue;
            }
            int origin = axis.getPixelCoordinate(axis.getRange().lower);
            double shift = axis.getDataCoordinate(origin) - axis.getDataCoordinate(origin + delta);
            Range r = axis.getRange();
            axis.setRange(new Range(r.lower + shift, r.upper + shift));
            keepUsable(axis, r);
        }
        chart.redraw();
    }

    /** The plotted series (for tests and export of what is shown). */
    public ISeries<?>[] series() {
        return chart.getSeriesSet().getSeries();
    }
}
