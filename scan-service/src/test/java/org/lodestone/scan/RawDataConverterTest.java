package org.lodestone.scan;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.Message.AcqData;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.seq.protocol.ScanGeometry;
import org.lodestone.seq.protocol.ScanGeometry.SlicePlane;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawDataConverterTest {
    private static AcqData line(int slice) {
        return new AcqData(7, 1000, new AdcCounters(3, 0, 0, slice, 0, 0, 0, 0, 0), 0, 1, 4, 10_000, 14.9e6, new float[8]);
    }

    @Test
    void eachSliceOfAStackCarriesItsOwnPlaneInTheMrdHeader() {
        SlicePlane axial = new SlicePlane(new double[] {0, 0, -5}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1});
        SlicePlane sagittal = new SlicePlane(new double[] {12, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}, new double[] {1, 0, 0});
        ScanGeometry g = new ScanGeometry(4, 4, 2, 200, 200, 5, new double[] {0, 0, 0}, new double[] {1, 0, 0},
                new double[] {0, 1, 0}, new double[] {0, 0, 1}, 1, List.of(axial, sagittal));
        RawDataConverter c = new RawDataConverter(g);

        AcquisitionHeader h0 = c.convert(line(0)).header();
        AcquisitionHeader h1 = c.convert(line(1)).header();

        assertThat(h0.position()).containsExactly(0f, 0f, -5f);
        assertThat(h1.position()).containsExactly(12f, 0f, 0f);
        assertThat(h1.readDir()).containsExactly(0f, 1f, 0f);
        assertThat(h1.phaseDir()).containsExactly(0f, 0f, 1f);
        assertThat(h1.sliceDir()).containsExactly(1f, 0f, 0f);
        assertThat(h1.idx().slice()).isEqualTo(1);
    }

    @Test
    void aGeometryWithoutPlanesUsesItsCentreForEverySlice() {
        ScanGeometry g = new ScanGeometry(4, 4, 1, 200, 200, 5, new double[] {1, 2, 3}, new double[] {1, 0, 0},
                new double[] {0, 1, 0}, new double[] {0, 0, 1}, 1);
        assertThat(new RawDataConverter(g).convert(line(0)).header().position()).containsExactly(1f, 2f, 3f);
    }
}
