package org.lodestone.twin.phantom;

import java.util.List;

/** A 3D numerical object in device coordinates (x, y, z) in metres from isocentre. */
public interface Phantom {
    /** The tissue at (x, y, z), or null where there is nothing. */
    Tissue tissueAt(double x, double y, double z);

    /** Half-size of a cube centred at isocentre that contains the whole object, in metres. */
    double halfExtentM();

    List<Tissue> tissues();

    String description();
}
