package org.lodestone.twin.phantom;

import java.util.List;

/** A 2D numerical object in the excited sheet, in in-plane coordinates (u, v) in metres from isocentre. */
public interface Phantom {
    /** The tissue at (u, v), or null where there is nothing. */
    Tissue tissueAt(double u, double v);

    /** Half-size of a square centred at isocentre that contains the whole object, in metres. */
    double halfExtentM();

    List<Tissue> tissues();

    String description();
}
