/**
 * Data-subject rights (UU PDP No. 27/2022) across the features: export everything held about a citizen,
 * and erase it on request while the pseudonymous history stays consistent.
 */
package id.go.jemberkab.platform.citizen.privacy;
