package glfw

// kinkyu patch: Go caches the cgo build of this package by its own Go and C
// files, not by the C sources they #include from glfw/ (go-gl/glfw#269), so
// a change to a patched C file alone would not be compiled. This hash of the
// glfw/ tree changes with it; TestGLFWPatchTreeHash (third_party_test.go in
// the app's root) fails when it is stale. See PATCHES.md.
const kinkyuTreeSHA256 = "0eaabd1a324a8be70e44c14cf2dbb9ad2977856d8ee041a72b3d23d85d4682c8"
