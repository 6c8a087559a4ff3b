package org.lodestone.twin;

import org.lodestone.twin.phantom.Phantom;
import org.lodestone.twin.phantom.PlacedPhantom;
import picocli.CommandLine.Option;

/** The simulator's phantom: which one lies in the bore, and where and how turned. */
final class PhantomOptions {
    @Option(names = "--phantom", defaultValue = "head", description = "head, geometry or uniform (default ${DEFAULT-VALUE}).")
    String phantom;

    @Option(names = "--phantom-offset", defaultValue = "0,0,0", paramLabel = "X,Y,Z", description = "Phantom position in mm (default ${DEFAULT-VALUE}).")
    String offset;

    @Option(names = "--phantom-rotation", defaultValue = "0,0,0", paramLabel = "RX,RY,RZ",
            description = "Phantom rotation about x, y, z in degrees, applied x then y then z (default ${DEFAULT-VALUE}).")
    String rotation;

    /** The named phantom, placed as given; the bare phantom when it lies centred and unturned. Bad values: IllegalArgumentException. */
    Phantom placed() {
        double[] offsetM = triple(offset, 1e-3);
        double[] rotationDeg = triple(rotation, 1);
        Phantom object = PlacedPhantom.named(phantom);
        boolean moved = offsetM[0] != 0 || offsetM[1] != 0 || offsetM[2] != 0 || rotationDeg[0] != 0 || rotationDeg[1] != 0 || rotationDeg[2] != 0;
        return moved ? new PlacedPhantom(object, offsetM, rotationDeg) : object;
    }

    private static double[] triple(String s, double unit) {
        String[] p = s.split(",");
        if (p.length != 3) throw new IllegalArgumentException("expected three comma-separated numbers: " + s);
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) v[i] = Double.parseDouble(p[i].trim()) * unit;
        return v;
    }
}
