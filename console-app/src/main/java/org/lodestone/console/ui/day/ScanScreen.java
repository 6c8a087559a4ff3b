package org.lodestone.console.ui.day;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lodestone.console.day.ExamQueue;
import org.lodestone.console.day.FidSpectrumView;
import org.lodestone.console.day.OperatorText;
import org.lodestone.console.day.ScanDesk;
import org.lodestone.console.day.ScanGate;
import org.lodestone.console.day.ScanWords;
import org.lodestone.console.day.Texts;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.PngPreview;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.scan.ScanEvent;
import org.lodestone.scan.ScanListener;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scan control: Start (the queue's next scan), Pause (the queue stops after this scan), Abort; progress and time
 * remaining, the live echo and k-space filling, the streamed image, the FID's spectrum, and events in plain words.
 * Start is disabled, with the reason beside it, while the door is open or any interlock is not safe.
 */
final class ScanScreen {
    private static final Logger log = LoggerFactory.getLogger(ScanScreen.class);
    private static final long LIVE_EVERY_MS = 250;

    private final DayContext day;
    private final Texts t;
    private final Button start = new Button();
    private final Button pause = new Button();
    private final Button abort = new Button();
    private final Label next = new Label();
    private final Label blocked = new Label();

    ScanScreen(DayContext day) {
        this.day = day;
        this.t = day.t();
    }

    Node node() {
        start.setId("scan-start");
        start.setText(t.get("scan.start"));
        start.getStyleClass().add("primary");
        start.setOnAction(e -> startIfAllowed());
        pause.setId("scan-pause");
        pause.setOnAction(e -> day.scan.paused.set(!day.scan.paused.get()));
        pause.textProperty().bind(javafx.beans.binding.Bindings.when(day.scan.paused).then(t.get("scan.resume")).otherwise(t.get("scan.pause")));
        abort.setId("scan-abort");
        abort.setText(t.get("scan.abort"));
        abort.getStyleClass().add("danger");
        abort.disableProperty().bind(day.scanning.not());
        abort.setOnAction(e -> abortIfRunning());
        next.setId("scan-next");
        blocked.setId("scan-blocked");
        blocked.getStyleClass().add("reason");
        blocked.setWrapText(true);
        blocked.setMaxWidth(420);

        ProgressBar bar = new ProgressBar();
        bar.setId("scan-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(day.scan.progress);
        Label progress = new Label();
        progress.setId("scan-progress-text");
        progress.textProperty().bind(day.scan.progressText);
        Label outcome = new Label();
        outcome.setId("scan-outcome");
        outcome.setWrapText(true);
        outcome.setMaxWidth(420);
        outcome.textProperty().bind(day.scan.outcome);
        ListView<String> events = new ListView<>(day.scan.events);
        events.setId("scan-events");
        events.setPrefHeight(180);
        events.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(v.widthProperty().subtract(24)); // wrap instead of a sideways scroll bar
            }

            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
            }
        });
        VBox control = new VBox(8, next, new HBox(8, start, pause, abort), blocked, bar, progress, outcome,
                PatientsScreen.heading(t.get("scan.events")), events);
        control.setPrefWidth(440);
        control.setMinWidth(360);

        LiveViews live = new LiveViews(day, t);
        HBox page = new HBox(16, control, live.node());
        HBox.setHgrow(live.node(), Priority.ALWAYS);
        page.setPadding(new Insets(12));

        day.watch(day.status, (o, was, now) -> updateGate());
        day.watch(day.scanning, (o, was, now) -> updateGate());
        day.watch(day.examVersion, (o, was, now) -> updateGate());
        day.watch(day.exam, (o, was, now) -> updateGate());
        updateGate();
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.viewportBoundsProperty().addListener((o, was, now) ->
                live.fitHeight(now.getHeight() - page.getPadding().getTop() - page.getPadding().getBottom()));
        return scroll;
    }

    private Optional<ExamQueue.Item> nextItem() {
        var e = day.exam.get();
        if (e == null) return Optional.empty();
        List<ExamQueue.Item> items = new ExamQueue(day.workflow.exams(), day.workflow.audit(), e.studyUid()).items();
        return items.isEmpty() ? Optional.empty() : Optional.of(items.getFirst());
    }

    private Optional<String> gate() {
        var exam = day.exam.get();
        return ScanGate.blocked(new ScanGate.State(day.session.mayScan(), exam != null && exam.isOpen(), day.connected.get(),
                day.status.get().interlockBlocking(), nextItem().isPresent(), day.scanning.get(), day.mobileState()), t);
    }

    private void updateGate() {
        Optional<ExamQueue.Item> item = nextItem();
        next.setText(item.map(i -> t.get("scan.next", t.protocolTitle(i.protocol(), i.title()), Texts.clock(i.seconds()))).orElse(t.get("scan.queueEmpty")));
        Optional<String> why = gate();
        start.setDisable(why.isPresent());
        blocked.setText(why.orElse(""));
    }

    void startIfAllowed() {
        if (gate().isPresent()) return;
        ExamQueue.Item item = nextItem().orElseThrow();
        var exam = day.exam.get();
        var by = day.session.user().orElseThrow();
        ScanService svc = day.service();
        day.scan.reset();
        day.scan.events.clear();
        day.scanning.set(true);
        LiveFeed feed = new LiveFeed();
        Thread scan = Thread.ofPlatform().name("scan").unstarted(() -> {
            ScanDesk.Outcome out;
            try {
                out = new ScanDesk(day.workflow, svc).run(by, exam.patient().id(), exam.studyUid(), item.protocol(), item.parameters(), e -> {
                    feed.on(e);
                    day.config.alsoHears().on(e);
                });
            } catch (RuntimeException | Error e) {
                log.error("Scan failed", e);
                String why = OperatorText.reason(e);
                Platform.runLater(() -> { if (!day.isClosed()) ended(item, null, t.get("scan.end.failed", why)); });
                return;
            }
            ScanDesk.Outcome o = out;
            FidSpectrumView spectrum = null;
            if ("fid".equals(item.protocol()) && o.result() != null && o.result().linesReceived() > 0) {
                try {
                    spectrum = FidSpectrumView.of(o.seriesDir().resolve("raw.mrd"), o.result().frequencyHz());
                } catch (Exception e) {
                    log.warn("FID spectrum failed", e);
                }
            }
            FidSpectrumView s = spectrum;
            Platform.runLater(() -> {
                if (day.isClosed()) return;
                day.scan.spectrum.set(s);
                ended(item, o, null);
            });
        });
        day.scanStarted(scan);
        scan.start();
    }

    void abortIfRunning() {
        ScanService svc = day.service();
        if (!day.scanning.get() || svc == null) return;
        String who = day.session.user().map(a -> a.name()).orElse("operator");
        Thread.ofPlatform().daemon().name("scan-abort").start(() -> svc.abort(who));
    }

    private void ended(ExamQueue.Item item, ScanDesk.Outcome o, String failure) {
        day.scanning.set(false);
        String text;
        boolean complete = false;
        if (failure != null) text = failure;
        else if (o.refused()) text = t.get("scan.refused", org.lodestone.console.day.ReasonText.of(t, null, o.refusal()));
        else {
            var r = o.result();
            text = ScanWords.ending(r, t);
            complete = r.status() == ScanStatus.COMPLETE;
            day.scan.frequencyMeasured(r.frequencyHz(), System.currentTimeMillis());
            day.scan.progress.set(r.linesExpected() == 0 ? 0 : Math.min(1, (double) r.linesReceived() / r.linesExpected()));
            day.scan.progressText.set(t.get("scan.progress", r.linesReceived(), r.linesExpected(), Texts.clock(0)));
            if (r.image() != null) {
                day.scan.image.set(SwingFXUtils.toFXImage(PngPreview.render(r.image(), r.image().nz() / 2), null));
                if ("localizer".equals(item.protocol())) localizer(r.image(), o.seriesDir());
            }
        }
        day.scan.outcome.set(text);
        day.scan.events.add(text);
        if (complete) {
            var exam = day.exam.get();
            new ExamQueue(day.workflow.exams(), day.workflow.audit(), exam.studyUid()).takeNext();
        }
        day.refreshInterlocks();
        day.exam.set(day.workflow.exams().get(day.exam.get().studyUid()).orElse(day.exam.get()));
        day.examVersion.set(day.examVersion.get() + 1);
        if (complete && !day.scan.paused.get() && gate().isEmpty()) startIfAllowed();
    }

    private void localizer(ImageVolume v, Path dir) {
        day.scan.localizerPlanes.clear();
        for (int z = 0; z < Math.min(3, v.nz()); z++) day.scan.localizerPlanes.add(SwingFXUtils.toFXImage(PngPreview.render(v, z), null));
        day.scan.localizerDir.set(dir);
    }

    /** The scan thread's events to the FX thread: words at once, progress and live views at most every 250 ms. */
    private final class LiveFeed implements ScanListener {
        private final AtomicLong lastLive = new AtomicLong();
        private final AtomicReference<Path> raw = new AtomicReference<>();
        private final java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void on(ScanEvent e) {
            ScanWords.event(e, t).filter(s -> !(e instanceof ScanEvent.Finished)).ifPresent(s -> Platform.runLater(() -> day.scan.events.add(s)));
            switch (e) {
                case ScanEvent.Started s -> raw.set(s.outDir().resolve("raw.mrd"));
                case ScanEvent.Progress p -> {
                    long now = System.currentTimeMillis();
                    long last = lastLive.get();
                    if (now - last < LIVE_EVERY_MS && p.received() < p.expected()) return;
                    if (!lastLive.compareAndSet(last, now)) return;
                    String text = t.get("scan.progress", p.received(), p.expected(), Texts.clock(p.secondsRemaining()));
                    double f = p.expected() == 0 ? 0 : Math.min(1, (double) p.received() / p.expected());
                    Platform.runLater(() -> {
                        day.scan.progress.set(f);
                        day.scan.progressText.set(text);
                    });
                    // the journal is read on a thread of its own: the scan thread never waits for the live views
                    if (reading.compareAndSet(false, true)) {
                        Thread.ofPlatform().daemon().name("scan-live").start(() -> {
                            try {
                                Live l = readLive(raw.get(), (int) p.expected());
                                if (l != null) Platform.runLater(() -> {
                                    day.scan.echo.set(l.echo());
                                    day.scan.kspace.set(l.rows());
                                });
                            } finally {
                                reading.set(false);
                            }
                        });
                    }
                }
                case ScanEvent.Preview p -> Platform.runLater(() ->
                        day.scan.image.set(SwingFXUtils.toFXImage(PngPreview.render(p.image(), p.image().nz() / 2), null)));
                default -> { }
            }
        }
    }

    private record Live(double[] echo, boolean[] rows) {
    }

    private static int phaseEncodes(String xml, int expected) {
        try {
            return IsmrmrdHeaderXml.parseEncoding(xml).phaseEncodeLines();
        } catch (RuntimeException e) {
            return Math.max(1, Math.min(expected, 512)); // no readable header yet: the scan's line count
        }
    }

    /** The journal so far: the last readout's magnitude and which phase-encode rows have arrived. */
    private static Live readLive(Path raw, int expected) {
        if (raw == null || !Files.exists(raw)) return null;
        try {
            MrdStreamReader.Result journal = MrdStreamReader.read(raw);
            List<Acquisition> acqs = journal.acquisitions();
            if (acqs.isEmpty()) return null;
            float[] last = acqs.getLast().channel(0);
            double[] mag = new double[last.length / 2];
            for (int i = 0; i < mag.length; i++) mag[i] = Math.hypot(last[2 * i], last[2 * i + 1]);
            // one row per phase encode of a slice (the header's limit), not per line of the scan: a multi-slice
            // scan's lines fill the same rows once per slice
            int maxRow = phaseEncodes(journal.xml(), expected);
            for (Acquisition a : acqs) maxRow = Math.max(maxRow, a.header().idx().kspaceEncodeStep1() + 1);
            boolean[] rows = new boolean[maxRow];
            for (Acquisition a : acqs) rows[a.header().idx().kspaceEncodeStep1()] = true;
            return new Live(mag, rows);
        } catch (Exception e) {
            return null; // a line being written; the next progress reads again
        }
    }
}
