package org.lodestone.twin.bench;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.twin.device.TwinCapabilities;
import org.lodestone.twin.physics.ScannerModel;

import java.util.Map;

/**
 * {@link RealTimeFactor} with the console's protocols as well: {@code p:NAME} (e.g. p:gre3d, p:tse3d) is protocol NAME
 * of {@code sequences}' ProtocolLibrary with its defaults, compiled for the twin's board as {@code lodestone scan
 * --protocol NAME} compiles it. Test scope, because the twin itself does not depend on {@code sequences}.
 */
public final class ProtocolRealTimeFactor {
    private ProtocolRealTimeFactor() {
    }

    public static void main(String[] args) throws Exception {
        String[] which = args.length == 0 ? new String[] {"se128", "se256", "tse3d", "p:gre3d", "p:tse3d"} : args;
        UnitProfile unit = UnitProfile.from(TwinCapabilities.create(200).limits());
        RealTimeFactor.printHeader();
        try (ScannerModel m = RealTimeFactor.benchUnit()) {
            for (String arg : which) {
                if (!arg.startsWith("p:")) {
                    RealTimeFactor.run(m, arg, null);
                    continue;
                }
                String name = arg.substring(2).replaceAll("@.*", "");
                var built = ProtocolLibrary.find(name).orElseThrow(() -> new IllegalArgumentException("no protocol " + name))
                        .build(Map.of(), unit);
                DeviceProgram p = SequenceCompiler.compile(built.sequence(), unit);
                RealTimeFactor.run(m, arg.substring(2), p);
            }
        }
    }
}
