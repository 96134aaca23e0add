/** citizen-service wiring; the features live in the sub-packages. */
package id.go.jemberkab.platform.citizen;
