package org.lodestone.dicom.outbox;

import org.lodestone.dicom.net.DicomNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The DICOM destinations the operator configured ({@code pacs add}), kept in the workflow database. */
public final class Destinations {
    private final DataSource db;

    public Destinations(DataSource db) {
        this.db = db;
    }

    /** Adds or replaces a destination by name. */
    public void save(DicomNode node) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("MERGE INTO dicom_destination (name, ae_title, host, port, tls, created_at)"
                     + " KEY (name) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, node.name());
            ps.setString(2, node.aeTitle());
            ps.setString(3, node.host());
            ps.setInt(4, node.port());
            ps.setBoolean(5, node.tls());
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    public List<DicomNode> list() throws SQLException {
        List<DicomNode> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, ae_title, host, port, tls FROM dicom_destination ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(node(rs));
        }
        return out;
    }

    public Optional<DicomNode> find(String name) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, ae_title, host, port, tls FROM dicom_destination WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(node(rs)) : Optional.empty();
            }
        }
    }

    /** Marks whether the destination offers MPPS: then each exam's start and end are reported to it. */
    public void offerMpps(String name, boolean offers) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE dicom_destination SET mpps = ? WHERE name = ?")) {
            ps.setBoolean(1, offers);
            ps.setString(2, name);
            if (ps.executeUpdate() == 0) throw new IllegalArgumentException("no destination named '" + name + "'");
        }
    }

    public boolean offersMpps(String name) throws SQLException {
        return mppsDestinations().stream().anyMatch(n -> n.name().equals(name));
    }

    /** The destinations that offer MPPS. */
    public List<DicomNode> mppsDestinations() throws SQLException {
        List<DicomNode> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, ae_title, host, port, tls FROM dicom_destination WHERE mpps ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(node(rs));
        }
        return out;
    }

    private static DicomNode node(ResultSet rs) throws SQLException {
        return new DicomNode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5));
    }
}
