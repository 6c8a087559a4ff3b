package org.lodestone.seq.limits;

import org.junit.jupiter.api.Test;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The patient's weight in the whole-body SAR check: lighter patients a smaller body, the default the largest. */
class PatientWeightSarTest {
    private static final UnitProfile UNIT = UnitProfile.PLANNING;

    private static Sequence se2d() throws Exception {
        return ProtocolLibrary.find("se2d").orElseThrow().build(Map.of("matrix", 32.0, "slices", 3.0, "tr", 300.0), UNIT).sequence();
    }

    @Test
    void anAdultGetsTheDefaultModelAndALightPatientASmallerSar() throws Exception {
        Sequence seq = se2d();
        double byDefault = LimitCheck.wholeBodySar(seq, UNIT)[0];
        double adult = LimitCheck.wholeBodySar(seq, UNIT.withSafety(UNIT.safety().forWeight(80)))[0];
        double infant = LimitCheck.wholeBodySar(seq, UNIT.withSafety(UNIT.safety().forWeight(5)))[0];
        assertTrue(byDefault > 0);
        assertEquals(byDefault, adult, byDefault * 1e-12, "the default is the capped, conservative body");
        double radius = Math.cbrt(3 * 5 / (4 * Math.PI * 1000));
        assertEquals(byDefault * Math.pow(radius / 0.2, 2), infant, byDefault * 1e-9, "SAR scales with the body radius squared");
    }

    @Test
    void aLimitBetweenTheTwoRefusesTheDefaultAndAllowsTheLightPatient() throws Exception {
        Sequence seq = se2d();
        double byDefault = LimitCheck.wholeBodySar(seq, UNIT)[0];
        PatientSafety s = UNIT.safety();
        // a unit rated so that this protocol sits just above its SAR limit for the default body
        PatientSafety tight = new PatientSafety(byDefault * 0.9, s.sarWindow(), s.tissueConductivity(), s.tissueDensity(),
                s.bodyRadius(), s.rheobaseTPerS(), s.chronaxieS(), s.pnsFraction(), s.pnsRadius());
        UnitProfile unit = UNIT.withSafety(tight);
        assertTrue(LimitCheck.check(seq, unit).stream().anyMatch(v -> v.limit().contains("SAR")), "refused without a weight");
        assertTrue(LimitCheck.check(seq, unit.withSafety(tight.forWeight(10))).stream().noneMatch(v -> v.limit().contains("SAR")),
                "allowed for a 10 kg patient");
    }

    @Test
    void aWeightOutsideTheRecordRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UNIT.safety().forWeight(0.2));
        assertThrows(IllegalArgumentException.class, () -> UNIT.safety().forWeight(Double.NaN));
    }
}
