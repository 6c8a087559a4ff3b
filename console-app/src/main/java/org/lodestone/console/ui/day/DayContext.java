package org.lodestone.console.ui.day;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.console.day.ExamClosing;
import org.lodestone.console.day.OperatorText;
import org.lodestone.console.day.ProtocolShelf;
import org.lodestone.console.day.Sending;
import org.lodestone.console.day.Session;
import org.lodestone.console.day.StatusLine;
import org.lodestone.console.day.Texts;
import org.lodestone.console.day.TodayList;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.hw.gpio.InterlockGuard;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.scan.unit.UnitState;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.exam.Exam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the technician's screens share: the workflow services, who is logged in, the language, the open exam,
 * the unit and the status bar. Properties change on the FX thread only; slow work (database, network, unit) goes
 * to {@link #background}, whose results come back through {@link Platform#runLater}.
 */
public final class DayContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DayContext.class);

    public final TechnicianWindow.Config config;
    public final Workflow workflow;
    public final Session session;
    public final ProtocolShelf shelf;
    public final TodayList today;
    public final Sending sending;
    public final ExamClosing closing;
    public final ObjectProperty<Texts> texts;
    public final ObjectProperty<Exam> exam = new SimpleObjectProperty<>();
    public final ObjectProperty<StatusLine> status = new SimpleObjectProperty<>(StatusLine.STARTING);
    public final BooleanProperty connected = new SimpleBooleanProperty();
    public final BooleanProperty scanning = new SimpleBooleanProperty();
    /** Bumped whenever the exam's queue or series change, so lists refresh. */
    public final IntegerProperty examVersion = new SimpleIntegerProperty();
    public final ScanState scan = new ScanState();

    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("day-work").unstarted(r));
    private final AtomicReference<UnitConnection> unit = new AtomicReference<>();
    private volatile ScanService service;
    private volatile Thread scanThread;

    public DayContext(TechnicianWindow.Config config) {
        this.config = config;
        this.workflow = Workflow.openAndRecover(config.home());
        this.session = new Session(workflow.users(), workflow.audit(), Clock.systemUTC(), config.idleLock());
        this.shelf = ProtocolShelf.load(config.home().root().resolve("protocols"));
        DicomClient client = new DicomClient(config.aeTitle(), java.time.Duration.ofSeconds(10));
        var ris = config.risName() == null ? null : lookup(config.risName());
        this.today = new TodayList(workflow, client, ris);
        this.sending = new Sending(workflow, client, config.aeTitle(), "lodestone", config.home().root().resolve("outbox"));
        this.closing = new ExamClosing(workflow.exams(), new Outbox(workflow.database().dataSource()), workflow.audit());
        this.texts = new SimpleObjectProperty<>(Texts.of(config.locale()));
        var openExam = new org.lodestone.console.service.mobile.OpenExamMemory(config.home().root()); // after a power loss: the same exam
        openExam.restore(workflow.exams()).ifPresent(exam::set);
        exam.addListener((o, was, now) -> openExam.remember(now));
    }

    private org.lodestone.dicom.net.DicomNode lookup(String name) {
        try {
            return new Destinations(workflow.database().dataSource()).find(name).orElse(null);
        } catch (java.sql.SQLException e) {
            log.warn("RIS {} not readable", name, e);
            return null;
        }
    }

    public Texts t() {
        return texts.get();
    }

    /** Runs {@code job} off the FX thread; its failure becomes one sentence through {@code failed} on the FX thread. */
    public void background(ThrowingRunnable job, Consumer<String> failed) {
        work.submit(() -> {
            try {
                job.run();
            } catch (Exception | Error e) {
                log.warn("background work failed", e);
                String why = OperatorText.reason(e);
                Platform.runLater(() -> failed.accept(why));
            }
        });
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private final java.util.List<Runnable> screenListeners = new java.util.ArrayList<>();

    /** A screen's listener on shared state, dropped when the screens are rebuilt (language switch). FX thread. */
    public <T> void watch(javafx.beans.value.ObservableValue<T> value, javafx.beans.value.ChangeListener<? super T> l) {
        value.addListener(l);
        screenListeners.add(() -> value.removeListener(l));
    }

    public <E> void watch(javafx.collections.ObservableList<E> list, javafx.collections.ListChangeListener<? super E> l) {
        list.addListener(l);
        screenListeners.add(() -> list.removeListener(l));
    }

    /** Before the screens are built again: the old ones stop listening. */
    public void dropScreenListeners() {
        screenListeners.forEach(Runnable::run);
        screenListeners.clear();
    }

    /** The scan thread, so that closing waits for its series to be recorded. */
    public void scanStarted(Thread t) {
        scanThread = t;
    }

    /** True once the window is closing: late results from background threads are dropped. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * What the service bench works on (service role): the calibration store, the mobile unit's state in the data
     * directory, calibration suites on the connected unit that arm through its interlocks for every program, and
     * the audit trail under the logged-in user.
     */
    public org.lodestone.console.service.ServiceBench serviceBench() {
        Path data = config.home().root();
        CalibrationStore store = config.calibration() != null ? config.calibration() : CalibrationStore.inDataDirectory(data);
        return new org.lodestone.console.service.ServiceBench(store, new org.lodestone.console.service.mobile.TransportMode(data),
                out -> {
                    UnitConnection u = unit.get();
                    if (u == null) throw new IllegalStateException("The unit is not connected yet; wait for it, then run again.");
                    // the stored gradient scale, applied in the compile step as on the command line
                    var runner = new org.lodestone.calibration.run.ProgramRunner(u.session(), u.profile(), u::arm,
                            org.lodestone.calibration.gradient.GradientScaleCorrection.from(store));
                    return new org.lodestone.calibration.suite.CalibrationSuite(runner, store,
                            session.user().map(a -> a.name()).orElse("service"), out, u.capabilities().nominalLarmorHz());
                },
                (action, object, details) -> session.user().ifPresent(a ->
                        workflow.audit().append(a.name(), a.role().text(), action, object, details)),
                data.resolve("service"));
    }

    /** The connected unit's sensors for the service bench's Health tab; null while not connected. */
    public org.lodestone.hw.wire.Message.Sensors unitSensors() throws org.lodestone.hw.session.DeviceException {
        UnitConnection u = unit.get();
        // no sensor command while a program plays (a scan or calibration reads them itself), as on the Diagnostics tab
        if (u == null || u.session().isLost() || u.session().activeRun().isPresent()) return null;
        return u.session().readSensors();
    }

    /** The link's counters for the Health tab; null while not connected. */
    public String unitLinkStatistics() {
        UnitConnection u = unit.get();
        return u == null ? null : u.session().linkStatistics();
    }

    /** The mobile unit's state (transport mode, requalification) from the data directory; null when it cannot be read. */
    public org.lodestone.console.service.mobile.MobileState mobileState() {
        try {
            return new org.lodestone.console.service.mobile.TransportMode(config.home().root()).state();
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("mobile state not readable", e);
            return null;
        }
    }

    public ScanService service() {
        return service;
    }

    public java.util.Optional<UnitConnection> unit() { return java.util.Optional.ofNullable(unit.get()); } // diagnostics (issue #17)

    public java.util.Optional<InterlockGuard> guard() {
        UnitConnection u = unit.get();
        return u == null ? java.util.Optional.empty() : u.interlocks();
    }

    /** Opens the unit in the background; the status bar follows its link and interlocks from then on. */
    public void connect() {
        Thread.ofPlatform().daemon().name("unit-connect").start(() -> {
            try {
                UnitConnection u = config.connector().open();
                unit.set(u);
                CalibrationStore cal = config.calibration();
                service = cal == null ? new ScanService(u) : new ScanService(u, cal);
                u.addStateListener(st -> Platform.runLater(() -> link(st)));
                u.addInterlockListener(ev -> Platform.runLater(this::refreshInterlocks));
                Platform.runLater(() -> {
                    link(u.state());
                    refreshInterlocks();
                });
            } catch (Exception e) {
                log.warn("Connection failed", e);
                Platform.runLater(() -> link(UnitState.CLOSED));
            }
        });
    }

    private void link(UnitState st) {
        connected.set(st == UnitState.CONNECTED);
        status.set(status.get().withLink(switch (st) {
            case CONNECTED -> StatusLine.Link.CONNECTED;
            case NOT_RESPONDING -> StatusLine.Link.NOT_RESPONDING;
            case CLOSED -> StatusLine.Link.DISCONNECTED;
        }));
    }

    /** Reads the guard's blocking reason into the status bar (the Start gate follows it). FX thread. */
    public void refreshInterlocks() {
        String blocking = guard().flatMap(InterlockGuard::blockingReason).orElse(null);
        status.set(status.get().withInterlocks(blocking));
    }

    /** Sensors, disk and outbox, every few seconds while no scan runs (a sensor read is a command on the link). */
    public void housekeeping() {
        boolean idle = !scanning.get();
        work.submit(() -> {
            double temp = Double.NaN;
            UnitConnection u = unit.get();
            if (idle && u != null && u.state() == UnitState.CONNECTED) {
                try {
                    temp = u.session().readSensors().magnetTemperatureC();
                } catch (Exception e) {
                    log.debug("sensor read failed", e);
                }
            }
            long free = -1;
            int waiting = 0;
            try {
                free = Files.getFileStore(config.home().root()).getUsableSpace();
                waiting = (int) new Outbox(workflow.database().dataSource()).jobs().stream()
                        .filter(j -> j.status() != OutboxJob.Status.SENT).count();
            } catch (Exception e) {
                log.debug("housekeeping read failed", e);
            }
            double t = temp;
            long f = free;
            int w = waiting;
            Platform.runLater(() -> {
                StatusLine s = status.get();
                status.set(s.withMagnet(Double.isNaN(t) ? s.magnetTemperatureC() : t, scan.driftHzPerMin())
                        .withHousekeeping(f, w, scan.online()));
            });
        });
    }

    public void markOnline(boolean online) {
        scan.setOnline(online);
        StatusLine s = status.get();
        status.set(s.withHousekeeping(s.freeDiskBytes(), s.outboxWaiting(), online));
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Aborts a running scan, releases the unit and the database; once (window close and shutdown hook may both call). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        ScanService svc = service;
        Thread scan = scanThread;
        if (svc != null && scan != null && scan.isAlive()) {
            svc.abort(session.user().map(a -> a.name()).orElse("operator") + " (window closed)");
            try {
                scan.join(15_000); // its series is recorded before the database closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        work.shutdown();
        try {
            work.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        UnitConnection u = unit.getAndSet(null);
        if (u != null) {
            try {
                u.close();
            } catch (RuntimeException e) {
                log.warn("Closing the unit failed: {}", e.getMessage());
            }
        }
        workflow.close();
    }
}
