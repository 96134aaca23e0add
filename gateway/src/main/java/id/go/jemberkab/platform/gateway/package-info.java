/** Gateway wiring; routes live in application.yml, behaviour in the sub-packages. */
package id.go.jemberkab.platform.gateway;
