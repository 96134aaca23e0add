/** The citizen-registrations view: registrations per kecamatan and desa, from {@code citizen.registry.v1}. */
package id.go.jemberkab.platform.analytics.registrations;
