/** The official region code table (Kepmendagri 2025) as public reference data. */
package id.go.jemberkab.platform.citizen.region;
