package org.lodestone.twin.device;

/**
 * The board's RF and gradient gates, as the wire controls them: up while a program plays, down on any
 * interlock, fault, lost heartbeat or end of scan. (The amplifiers' own enable lines from the console's
 * GPIO are {@link InterlockWiring}'s.)
 */
final class Amplifiers {
    private volatile boolean rf;
    private volatile boolean gradients;

    void enable() {
        rf = true;
        gradients = true;
    }

    void gateOff() {
        rf = false;
        gradients = false;
    }

    boolean rfEnabled() {
        return rf;
    }

    boolean gradientsEnabled() {
        return gradients;
    }

    boolean anyEnabled() {
        return rf || gradients;
    }
}
