/** The citizen registry: registration and lookup of citizens keyed by NIK, and their pseudonymous events. */
package id.go.jemberkab.platform.citizen.registry;
