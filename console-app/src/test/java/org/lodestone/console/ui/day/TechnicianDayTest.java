package org.lodestone.console.ui.day;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.input.MouseButton;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.day.LibraryProtocol;
import org.lodestone.console.day.Texts;
import org.lodestone.console.peers.DicomPeers;
import org.lodestone.console.peers.DicomPeers.WorklistEntry;
import org.lodestone.console.unit.Units;
import org.lodestone.dicom.net.DicomNode;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.console.planning.Vec3;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.twin.launch.TwinOptions;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.audit.AuditEntry;
import org.lodestone.workflow.user.Role;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The technician's day on the twin, headless (Monocle): log in; take a patient from a worklist a real dcmtk
 * wlmscpfs serves; register a walk-in by hand; localizer with its three planes; three protocols queued; the second
 * scan stopped by a scripted door opening, then repeated; the FID's spectrum; view; send to a real storescp; close
 * the exam. Then a second, shorter day in Chinese at 1024×600. Screenshots of each step under
 * target/screenshots/technician-day/ (Chinese ones in zh/). Assertions are on what the window shows.
 */
@Tag("headless-ui")
@Tag("technician-day")
class TechnicianDayTest {
    private static final Path SHOTS = Path.of("target/screenshots/technician-day").toAbsolutePath();
    private static final String PASSWORD = "day-pass-1";

    @TempDir
    Path tmp;

    @RegisterExtension
    final DicomPeers peers = new DicomPeers();
    private final AtomicReference<Units.TwinUnit> twin = new AtomicReference<>();
    private TechnicianWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            FxToolkit.setupFixture(window::close);
            assertThat(window.closedLatch().await(30, TimeUnit.SECONDS)).as("the window released the unit").isTrue();
        }
    }

    @Test
    @Timeout(240)
    void aWholeDayInEnglish() throws Exception {
        Path home = tmp.resolve("home");
        int risPort = DicomPeers.freePort(), pacsPort = DicomPeers.freePort();
        String orderedUid = "1.2.826.0.1.3680043.10.1234." + System.nanoTime();
        peers.wlmscpfs(tmp.resolve("wl"), risPort,
                WorklistEntry.kneeToday("ACC-7", "Müller^Jürgen", "P7", LocalDate.of(1970, 1, 1), orderedUid, "LODESTONE"));
        Path pacsDir = tmp.resolve("pacs");
        peers.storescp("STORE", pacsDir, pacsPort);
        setUp(home, risPort, pacsPort);
        // Twin time at speed 0 is program time: the localizer and the prescans end by about 4 s, the spin echo
        // (32 lines, TR 500 ms) runs from there to about 21 s; the door opens and closes again at 10 s.
        Path script = Files.writeString(tmp.resolve("door.script"), "10 door open\n10 door close\n");
        Path shots = Files.createDirectories(SHOTS);
        Path truthDir = Files.createDirectories(tmp.resolve("truth"));
        open(home, Locale.ENGLISH, 1280, 800, TwinOptions.forTests(11).withSpeed(0).withScript(script).withTruth(truthDir));

        // 1 log in
        shot(shots, "01-login");
        assertThat(label("#login-message").getText()).isEmpty();
        robot.clickOn("#login-user").write("tina");
        robot.clickOn("#login-password").write("wrong");
        robot.clickOn("#login-button");
        assertThat(label("#login-message").getText()).startsWith("Not logged in: unknown user or wrong password");
        robot.clickOn("#login-password").write(PASSWORD);
        robot.clickOn("#login-button");
        waitFor("the login screen goes", () -> !robot.lookup("#login").query().isVisible());
        waitFor("the unit connects", () -> label("#status-link").getText().equals("Unit: connected"));
        assertThat(label("#who").getText()).isEqualTo("tina (technician)");
        assertThat(statusText()).contains("Interlocks safe").contains("tina").doesNotContain("/dev/").doesNotContainIgnoringCase("virtual");

        // 2 today's list: the worklist entry from wlmscpfs, taken
        ListView<?> worklist = robot.lookup("#worklist").queryAs(ListView.class);
        waitFor("the worklist arrives", () -> worklist.getItems().size() == 1);
        type("#worklist-search", "zzz");
        assertThat(worklist.getItems()).isEmpty();
        type("#worklist-search", "knee");
        assertThat(worklist.getItems()).hasSize(1);
        shot(shots, "02-worklist");
        robot.interact(() -> worklist.getSelectionModel().select(0));
        robot.clickOn("#worklist-pick");
        waitFor("the ordered exam opens", () -> window.day().exam.get() != null);
        assertThat(window.day().exam.get().studyUid()).isEqualTo(orderedUid);
        assertThat(window.day().exam.get().accession()).isEqualTo("ACC-7");

        // 3 a walk-in registered by hand: every bad field marked with its reason, then accepted
        select("patients");
        type("#patient-id", "W 1");
        type("#patient-name", "Smith^Anna");
        type("#patient-birth", "1990-13-01");
        type("#patient-weight", "");
        robot.clickOn("#patient-register");
        assertThat(label("#patient-id-reason").getText()).contains("'W 1' is not a patient ID");
        assertThat(label("#patient-birth-reason").getText()).contains("'1990-13-01' is not a birth date");
        assertThat(label("#patient-weight-reason").getText()).isEqualTo("Required.");
        assertThat(label("#patient-name-reason").getText()).isEmpty();
        assertThat(robot.lookup("#patient-id").queryAs(TextField.class).getStyleClass()).contains("invalid");
        shot(shots, "03-register-refused");
        type("#patient-id", "W-1");
        type("#patient-birth", "1990-12-01");
        type("#patient-weight", "64");
        robot.clickOn("#patient-register");
        waitFor("the walk-in's exam opens", () -> window.day().exam.get() != null && window.day().exam.get().patient().id().equals("W-1"));
        assertThat(label("#exam-line").getText()).startsWith("Exam of Smith^Anna · accession L");
        shot(shots, "04-registered");

        // 4 protocols: knee library, three protocols queued (localizer, T1 spin echo, FID), with times and total
        select("protocols");
        ComboBox<String> region = robot.lookup("#region").queryAs(ComboBox.class);
        robot.interact(() -> region.setValue("knee"));
        ListView<LibraryProtocol> library = robot.lookup("#library").queryAs(ListView.class);
        assertThat(library.getItems()).extracting(LibraryProtocol::id).contains("knee-localizer", "knee-t1-se", "knee-t2-tse");
        queue(library, "knee-localizer", () -> type("#param-matrix", "32")); // small matrices keep the test fast
        // the old defect: a timing error and a bad field at once, both marked
        robot.interact(() -> library.getSelectionModel().select(library.getItems().stream().filter(p -> p.id().equals("knee-t1-se")).findFirst().orElseThrow()));
        type("#param-matrix", "32");
        type("#param-tr", "300");
        type("#param-fov", "abc");
        type("#param-te", "450");
        assertThat(label("#param-fov-reason").getText()).isNotEmpty();
        assertThat(label("#param-tr-reason").getText()).as("the timing error shows on its field while fov is invalid")
                .startsWith("TR 300.0 ms is shorter than the minimum");
        assertThat(robot.lookup("#param-tr").queryAs(TextField.class).getStyleClass()).contains("invalid");
        assertThat(robot.lookup("#queue-add").queryAs(Button.class).isDisabled()).isTrue();
        shot(shots, "05-timing-error");
        type("#param-fov", "180");
        type("#param-te", "20");
        type("#param-tr", "500");
        type("#param-slices", "1");
        assertThat(label("#validation").getText()).isEqualTo("Scan time 00:17");
        robot.clickOn("#queue-add");
        // a small 3D scan for the viewer's MPR: a 22.5 mm slab over 4 partitions gives cubic 5.625 mm voxels
        queue(library, "knee-3d-gre", () -> {
            type("#param-matrix", "32");
            type("#param-partitions", "4");
            type("#param-slice_thickness", "22.5");
        });
        robot.interact(() -> region.setValue("head"));
        queue(library, "head-fid", null);
        ListView<?> queueList = robot.lookup("#queue").queryAs(ListView.class);
        assertThat(queueList.getItems()).hasSize(4);
        assertThat(label("#queue-total").getText()).startsWith("Total 00:");
        shot(shots, "06-queue");

        // 5 scan: the localizer runs, then the spin echo, which the door stops; Start repeats it; the FID follows
        select("scan");
        assertThat(label("#scan-next").getText()).startsWith("Next: Three-plane localizer");
        assertThat(button("#scan-start").isDisabled()).as(label("#scan-blocked").getText()).isFalse();
        robot.clickOn("#scan-start");
        waitFor("the door stops the spin echo", 90, () -> label("#scan-outcome").getText().startsWith("Stopped by the interlock"));
        assertThat(window.day().scan.events).anyMatch(e -> e.contains("The scanner room door is open: close it."));
        assertThat(label("#scan-next").getText()).startsWith("Next: 2D spin echo");
        assertThat(twin.get().twin().recentOutput()).anyMatch(l -> l.contains("ABORT from host: interlock: door open"));
        waitFor("Start comes back once the door is closed", () -> !button("#scan-start").isDisabled());
        shot(shots, "07-door-stopped");
        select("planning");
        assertThat(robot.lookup("#localizer-planes").queryAs(javafx.scene.layout.HBox.class).getChildren()).hasSize(3);
        assertThat(robot.lookup("#localizer-sagittal").queryAs(ImageView.class).getImage()).isNotNull();
        // the planning component shows the three planes with the slice group: turn it 15° on the coronal plane
        var planning = robot.lookup(n -> n instanceof org.lodestone.console.ui.planning.PlanningPane)
                .queryAs(org.lodestone.console.ui.planning.PlanningPane.class);
        waitFor("the localizer's planes in the planning component", () -> planning.planes().size() == 3
                && planning.planes().get(1).getWidth() > 50 && planning.planes().get(1).getHeight() > 50);
        // a 120 mm field of view keeps the group's handles inside the localizer's field
        @SuppressWarnings("unchecked")
        var fov = (javafx.scene.control.Spinner<Double>) robot.lookup("#planning-fov").queryAs(javafx.scene.control.Spinner.class);
        robot.interact(() -> fov.getValueFactory().setValue(120.0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(planning.planProperty().get().fovMm()).isEqualTo(120.0);
        var coronal = planning.planes().get(1);
        var plane = coronal.localizer().plane();
        var before = planning.planProperty().get();
        var h = org.lodestone.console.planning.PlanGestures.handles(before, plane).orElseThrow();
        double[] cs = coronal.toScreen(h.centre()[0], h.centre()[1]), rs = coronal.toScreen(h.rotate()[0], h.rotate()[1]);
        double radius = Math.hypot(rs[0] - cs[0], rs[1] - cs[1]), start = Math.atan2(rs[1] - cs[1], rs[0] - cs[0]);
        robot.drag(coronal.localToScreen(rs[0], rs[1]), javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(coronal.localToScreen(cs[0] + radius * Math.cos(start + Math.toRadians(15)), cs[1] + radius * Math.sin(start + Math.toRadians(15))))
                .release(javafx.scene.input.MouseButton.PRIMARY);
        var planned = planning.planProperty().get();
        double turned = Math.toDegrees(Math.acos(Math.min(1, Math.abs(planned.normal().dot(before.normal())))));
        assertThat(turned).as("the slice group turned by the handle").isCloseTo(15, org.assertj.core.data.Offset.offset(1.0));
        robot.clickOn("#plan-apply");
        assertThat(label("#plan-applied").getText()).startsWith("The plan is written into 2D spin echo");
        var replanned = new org.lodestone.console.day.ExamQueue(window.day().workflow.exams(), window.day().workflow.audit(),
                window.day().exam.get().studyUid()).items().getFirst();
        assertThat(replanned.protocol()).isEqualTo("se2d");
        assertThat(replanned.parameters().get("tilt_phase")).as("the queued spin echo carries the plan's tilt")
                .isCloseTo(planned.tiltPhaseDeg(), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(replanned.parameters().get("fov")).isEqualTo(120.0);
        assertThat(replanned.parameters().get("matrix")).as("its other parameters stay").isEqualTo(32.0);
        shot(shots, "08-localizer-three-planes");
        select("scan");
        // the twin writes its truth of each imaging scan as it starts (what its gradients really excited); keep
        // the first one written after Start, the planned spin echo's, before the 3D scan's replaces it
        TruthWatch truthWatch = TruthWatch.start(truthDir.resolve("truth.nii"));
        robot.clickOn("#scan-start");
        waitFor("the repeat, the 3D scan and the FID complete", 120, () -> !window.day().scanning.get() && queueList.getItems().isEmpty()
                && label("#scan-outcome").getText().startsWith("Done"));
        ImageVolume truth = truthWatch.stop().getFirst();
        // the imaged slices against the plan: stacked along the plan's normal through the plan's centre (its part
        // along the normal by slice_position, the rest by offset_read / offset_phase)
        Vec3 truthNormal = new Vec3(truth.sliceDir()[0], truth.sliceDir()[1], truth.sliceDir()[2]);
        double normalDeg = Math.toDegrees(Math.acos(Math.min(1, Math.abs(truthNormal.dot(planned.normal())))));
        assertThat(normalDeg).as("the twin's truth slice normal vs the plan (°)").isLessThan(1);
        for (int i = 0; i < truth.nz(); i++) {
            double[] p = truth.positionLps(), d = truth.sliceDir();
            Vec3 centre = new Vec3(p[0] + i * truth.dzMm() * d[0], p[1] + i * truth.dzMm() * d[1], p[2] + i * truth.dzMm() * d[2]);
            double mm = centre.minus(planned.sliceCentre(i)).norm();
            System.out.printf("planned spin echo slice %d: truth normal %.3f° and centre %.3f mm from the plan%n", i, normalDeg, mm);
            assertThat(mm).as("the twin's truth slice %d centre vs the plan (mm)", i).isLessThan(1);
        }
        assertThat(label("#scan-spectrum-peak").getText()).matches("Peak [0-9,]+ Hz \\(-?[0-9.,]+ Hz from centre\\) · linewidth [0-9.,]+ Hz");
        assertThat(robot.lookup("#scan-spectrum-box").query().isVisible()).isTrue();
        // the peak shown is the twin's hidden Larmor frequency (its log's first line), within a few Hz
        double shownPeak = Double.parseDouble(label("#scan-spectrum-peak").getText().replaceAll("^Peak ([0-9,]+) Hz.*", "$1").replace(",", ""));
        double trueLarmor = twin.get().twin().recentOutput().stream().filter(l -> l.contains("true Larmor")).findFirst()
                .map(l -> Double.parseDouble(l.replaceAll(".*true Larmor ([0-9.]+) Hz.*", "$1"))).orElseThrow();
        assertThat(shownPeak).isCloseTo(trueLarmor, org.assertj.core.data.Offset.offset(20.0));
        assertThat(label("#scan-progress-text").getText()).isNotEmpty();
        shot(shots, "09-fid-spectrum");

        // 6 view: W/L, zoom and an ROI on the spin echo; slice scroll and the MPR of the 3D scan
        select("viewer");
        new DayViewerSteps(robot, name -> shot(shots, name)).viewTheDaysImages();

        // the service bench is not a technician's: its tab says so instead of opening
        select("service");
        assertThat(robot.lookup(n -> n instanceof Label l && l.getText().startsWith("The service bench is for the service role")).tryQuery())
                .as("the service tab explains who may use it").isPresent();

        // 7 send and close: refused while unsent, then sent to storescp, then closed
        select("send");
        robot.clickOn("#close-button");
        assertThat(label("#close-message").getText()).startsWith("The exam stays open:").contains("never sent");
        robot.clickOn("#send-button");
        waitFor("sent to the PACS", 60, () -> label("#send-message").getText().startsWith("Sent to PACS"));
        ListView<?> states = robot.lookup("#send-states").queryAs(ListView.class);
        assertThat(states.getItems()).extracting(Object::toString).hasSize(5)
                .filteredOn(s -> !s.contains("fid")).allMatch(s -> s.endsWith("· sent"));
        assertThat(states.getItems()).extracting(Object::toString).filteredOn(s -> s.contains("fid"))
                .singleElement().asString().endsWith("· no images to send");
        try (Stream<Path> received = Files.walk(pacsDir)) {
            assertThat(received.filter(Files::isRegularFile).count()).as("images at the storescp").isGreaterThanOrEqualTo(3 + 4);
        }
        shot(shots, "11-sent");
        robot.clickOn("#close-button");
        assertThat(label("#close-message").getText()).isEqualTo("Exam closed.");
        assertThat(window.day().exam.get().isOpen()).isFalse();
        assertThat(statusText()).contains("Outbox 0");
        shot(shots, "12-closed");
        try (Workflow w = Workflow.open(new WorkflowHome(home))) {
            assertThat(w.audit().entries()).extracting(AuditEntry::action)
                    .contains("login.failed", "login", "worklist.pick", "patient.create", "queue.add", "interlock", "send", "exam.close");
        }
        // what `console --mqtt` publishes: telemetry hears the window's scans as the window does
        assertThat(alsoHeard).as("scan events the window passed on to telemetry")
                .anyMatch(e -> e instanceof org.lodestone.scan.ScanEvent.Started)
                .anyMatch(e -> e instanceof org.lodestone.scan.ScanEvent.Finished);
    }

    @Test
    @Timeout(180)
    void fourStepsInChineseOnASmallScreen() throws Exception {
        Path home = tmp.resolve("home-zh");
        setUp(home, 0, 0);
        Path shots = Files.createDirectories(SHOTS.resolve("zh"));
        open(home, Locale.ENGLISH, 1024, 600, TwinOptions.forTests(12).withSpeed(0));
        robot.clickOn("#login-language");
        assertThat(button("#login-button").getText()).isEqualTo("登录");
        robot.clickOn("#login-user").write("tina");
        robot.clickOn("#login-password").write(PASSWORD);
        robot.clickOn("#login-button");
        waitFor("logged in", () -> !robot.lookup("#login").query().isVisible());
        waitFor("the unit connects", () -> label("#status-link").getText().equals("设备：已连接"));
        Node bar = robot.lookup("#status-bar").query();
        assertThat(bar.localToScene(bar.getBoundsInLocal()).getMaxX()).as("the status bar fits 1024 px").isLessThanOrEqualTo(1024);
        assertThat(bar.localToScene(bar.getBoundsInLocal()).getMaxY()).as("and 600 px").isLessThanOrEqualTo(600);
        Label user = label("#status-user");
        assertThat(user.localToScene(user.getBoundsInLocal()).getMaxX()).as("its last item is not cut off").isLessThanOrEqualTo(1024);
        assertThat(label("#who").getText()).as("the role in Chinese too").isEqualTo("tina（技师）");
        shot(shots, "01-登录");
        assertNoEnglishShown("01-登录");

        type("#patient-id", "ZH-1");
        robot.interact(() -> robot.lookup("#patient-name").queryAs(TextField.class).setText("王^芳"));
        type("#patient-weight", "500");
        robot.clickOn("#patient-register");
        assertThat(label("#patient-weight-reason").getText()).isEqualTo("“500”不是 0.5 到 350 kg 之间的体重。");
        shot(shots, "02-登记-字段错误");
        assertNoEnglishShown("02-登记-字段错误");
        type("#patient-weight", "52");
        robot.clickOn("#patient-register");
        waitFor("exam open", () -> window.day().exam.get() != null);
        assertThat(label("#exam-line").getText()).startsWith("王^芳 的检查");

        select("protocols");
        ListView<LibraryProtocol> library = robot.lookup("#library").queryAs(ListView.class);
        assertThat(library.getItems().getFirst().title(Texts.of(Texts.CHINESE))).isEqualTo("头部定位像");
        // the library's own refusal, in Chinese with its parameter's name
        robot.interact(() -> library.getSelectionModel().select(0));
        type("#param-matrix", "33");
        assertThat(label("#param-matrix-reason").getText()).isEqualTo("矩阵必须是偶数");
        type("#param-fov", "9999");
        assertThat(label("#param-fov-reason").getText()).isEqualTo("视野必须在 100 到 400 mm 之间");
        type("#param-fov", "240");
        queue(library, "head-localizer", () -> type("#param-matrix", "32"));
        assertThat(label("#queue-total").getText()).startsWith("合计 00:");
        shot(shots, "03-队列");
        assertNoEnglishShown("03-队列");
        // switching the language keeps the day: the same exam and queue, now in English, and back
        robot.clickOn("#language");
        assertThat(label("#queue-total").getText()).startsWith("Total 00:");
        assertThat(label("#exam-line").getText()).startsWith("Exam of 王^芳");
        robot.clickOn("#language");
        assertThat(label("#queue-total").getText()).startsWith("合计 00:");

        select("scan");
        assertThat(label("#scan-next").getText()).as("the unit protocol's title in Chinese").contains("三平面定位像");
        robot.clickOn("#scan-start");
        waitFor("the localizer completes", 60, () -> label("#scan-outcome").getText().startsWith("完成"));
        Node streamed = robot.lookup("#scan-image").query();
        assertThat(streamed.localToScene(streamed.getBoundsInLocal()).getMaxY()).as("the streamed image stays clear of the status bar")
                .isLessThanOrEqualTo(bar.localToScene(bar.getBoundsInLocal()).getMinY() - 4);
        // the k-space view has one row per phase encode of the 32-matrix planes, not one per line of the scan (96)
        waitFor("the k-space view", () -> window.day().scan.kspace.get() != null);
        assertThat(window.day().scan.kspace.get()).hasSize(32);
        shot(shots, "04-扫描完成");
        assertNoEnglishShown("04-扫描完成");

        select("send");
        robot.clickOn("#close-button");
        assertThat(label("#close-message").getText()).contains("从未发送");
        type("#close-note", "PACS 维护中");
        robot.clickOn("#close-button");
        assertThat(label("#close-message").getText()).isEqualTo("检查已结束。");
        shot(shots, "05-结束检查");
        assertNoEnglishShown("05-结束检查");
        java.util.List<String> shown = new java.util.ArrayList<>();
        robot.interact(() -> shown.addAll(org.lodestone.console.ui.headless.EnglishWords.textsUnder(window.stage().getScene().getRoot())));
        assertThat(shown).as("the walk reads the list cells: the series by its Chinese title").anyMatch(s -> s.startsWith("2. 三平面定位像"));
        try (Workflow w = Workflow.open(new WorkflowHome(home))) {
            var close = w.audit().entries().stream().filter(e -> e.action().equals("exam.close")).findFirst().orElseThrow();
            assertThat(close.details()).containsEntry("override_note", "PACS 维护中");
        }
        assertThat(englishShown).as("English in the Chinese window").isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** Notes the visible texts of the Chinese window with English words, but for the names typed in this test. */
    private void assertNoEnglishShown(String step) throws Exception {
        java.util.List<String> english = new java.util.ArrayList<>();
        robot.interact(() -> english.addAll(org.lodestone.console.ui.headless.EnglishWords.shownUnder(window.stage().getScene().getRoot(),
                java.util.Set.of("ZH-1", "tina", "LODESTONE"))));
        english.forEach(e -> englishShown.add(step + ": " + e));
    }

    /** What {@link #assertNoEnglishShown} found, asserted at the end so that one run lists every step's. */
    private final java.util.List<String> englishShown = new java.util.ArrayList<>();

    private void setUp(Path home, int risPort, int pacsPort) throws Exception {
        try (Workflow w = Workflow.open(new WorkflowHome(home))) {
            w.users().add("admin", Role.ADMINISTRATOR, "admin-pass-1".toCharArray());
            w.users().add("tina", Role.TECHNICIAN, PASSWORD.toCharArray());
            Destinations d = new Destinations(w.database().dataSource());
            if (risPort > 0) d.save(new DicomNode("RIS", "WL", "127.0.0.1", risPort, false));
            if (pacsPort > 0) d.save(new DicomNode("PACS", "STORE", "127.0.0.1", pacsPort, false));
        }
    }

    private final java.util.List<org.lodestone.scan.ScanEvent> alsoHeard = new java.util.concurrent.CopyOnWriteArrayList<>();

    private void open(Path home, Locale locale, int width, int height, TwinOptions twinOptions) throws Exception {
        TechnicianWindow.Config config = new TechnicianWindow.Config(new WorkflowHome(home), () -> {
            Units.TwinUnit t = Units.openTwin(twinOptions);
            twin.set(t);
            return t.unit();
        }, null, "LODESTONE", "RIS", "PACS", java.time.Duration.ofMinutes(10), locale, null, null, alsoHeard::add);
        FxToolkit.setupStage(Stage::hide);
        window = new TechnicianWindow(config);
        FxToolkit.setupFixture(() -> window.show(new Stage(), width, height));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void queue(ListView<LibraryProtocol> library, String id, Runnable edit) {
        robot.interact(() -> library.getSelectionModel().select(library.getItems().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow()));
        if (edit != null) edit.run();
        assertThat(button("#queue-add").isDisabled()).as(label("#validation").getText()).isFalse();
        robot.clickOn("#queue-add");
    }

    private void select(String tab) {
        int i = List.of(TechnicianWindow.TAB_IDS).indexOf(tab);
        robot.interact(() -> window.tabs().getSelectionModel().select(i));
    }

    private void type(String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextField.class).setText(text));
    }

    private Label label(String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    private Button button(String id) {
        return robot.lookup(id).queryAs(Button.class);
    }

    private String statusText() {
        return String.join(" | ", robot.lookup(".status-item").queryAllAs(Label.class).stream().map(Label::getText).toList());
    }

    private void shot(Path dir, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        var image = robot.capture(window.stage().getScene().getRoot()).getImage();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
    }

    static void waitFor(String what, BooleanSupplier ok) throws Exception {
        waitFor(what, 30, ok);
    }

    static void waitFor(String what, int seconds, BooleanSupplier ok) throws Exception {
        Callable<Boolean> c = () -> {
            AtomicReference<Boolean> r = new AtomicReference<>(false);
            WaitForAsyncUtils.asyncFx(() -> r.set(ok.getAsBoolean())).get();
            return r.get();
        };
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting: " + what);
        }
    }

    /** Reads every new version of a file the twin rewrites (atomically) while a scan queue runs. */
    private static final class TruthWatch {
        private final List<ImageVolume> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        private TruthWatch(Path file) {
            thread = Thread.ofPlatform().daemon().name("truth-watch").start(() -> {
                java.nio.file.attribute.FileTime last = modified(file);
                while (running) {
                    java.nio.file.attribute.FileTime now = modified(file);
                    if (now != null && !now.equals(last)) {
                        try {
                            seen.add(NiftiReader.read(file));
                            last = now;
                        } catch (IOException e) {
                            // replaced while read: the next round reads it again
                        }
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static TruthWatch start(Path file) {
            return new TruthWatch(file);
        }

        List<ImageVolume> stop() throws InterruptedException {
            running = false;
            thread.join();
            assertThat(seen).as("truth images written during the queue").isNotEmpty();
            return seen;
        }

        private static java.nio.file.attribute.FileTime modified(Path f) {
            try {
                return Files.getLastModifiedTime(f);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
