// kinkyu patch: see kinkyu_ime.go and PATCHES.md.
#include "_cgo_export.h"

void glfwSetPreeditCursorCallbackCB(GLFWwindow *window) {
  glfwSetPreeditCursorCallback(window, (GLFWpreeditcursorfun)goPreeditCursorCB);
}
