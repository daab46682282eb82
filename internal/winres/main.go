// Command winres writes the Windows resources of the .exe files that `make
// package` builds: the icon (from icons/kinkyu.png), the manifest and the
// version information (file properties: product name, version, company 大崎市),
// as a .rc script with its files, which MinGW's windres compiles into the
// .syso that go build links. Both executables, kinkyu-windows-amd64.exe (GUI)
// and kinkyu-cli.exe (console), get the same resources but their own file
// description and original name.
//
// Why not fyne package: it names the manifest's assembly after the app's
// Japanese name (Windows' side-by-side loader expects an ASCII identity), sets
// no company, and builds the GUI executable only.
//
//	go run ./internal/winres -version v1.2.3-4-gabc -out build/winres -exe kinkyu-cli.exe -console
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/image/draw"
)

// Identity is what the file properties and the manifest say.
type Identity struct {
	Product     string // 住基ネット緊急時対応デスク, from FyneApp.toml
	Description string // the product, and for the console one a word more
	Company     string
	Version     string // as git describes it: shown as is
	Numeric     [4]int // the four numbers Windows compares
	Exe         string
}

// AssemblyName is the manifest's identity: ASCII, the app's ID.
const AssemblyName = "jp.lg.osaki.kinkyu"

func main() {
	version := flag.String("version", "dev", "the version (git describe)")
	build := flag.Int("build", 0, "the fourth number of the file version (commits since the start)")
	exe := flag.String("exe", "kinkyu-windows-amd64.exe", "the executable's file name")
	console := flag.Bool("console", false, "the console (command-line) executable")
	out := flag.String("out", "build/winres", "the folder to write into")
	flag.Parse()
	if err := run(*version, *build, *exe, *console, *out); err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

func run(version string, build int, exe string, console bool, out string) error {
	var meta struct {
		Details struct{ Name, ID, Version, Icon string }
	}
	if _, err := toml.DecodeFile("FyneApp.toml", &meta); err != nil {
		return err
	}
	id := Identity{
		Product: meta.Details.Name, Description: meta.Details.Name, Company: "大崎市",
		Version: version, Numeric: Numeric(meta.Details.Version, build), Exe: exe,
	}
	if console {
		id.Description += "（コマンドライン）"
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	pngData, err := os.ReadFile(meta.Details.Icon)
	if err != nil {
		return err
	}
	ico, err := ICO(pngData, 256, 48, 32, 16)
	if err != nil {
		return err
	}
	for name, b := range map[string][]byte{
		"kinkyu.ico":      ico,
		"kinkyu.manifest": []byte(Manifest(id)),
		"kinkyu.rc":       []byte(RC(id)),
	} {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Numeric is the file version Windows compares: the app's version from
// FyneApp.toml (0.1.0) and the build number (the count of commits).
func Numeric(appVersion string, build int) [4]int {
	var n [4]int
	for i, part := range strings.SplitN(appVersion, ".", 3) {
		n[i], _ = strconv.Atoi(regexp.MustCompile(`^\d+`).FindString(part))
	}
	n[3] = build
	return n
}

// Manifest is the application manifest, ASCII throughout.
func Manifest(id Identity) string {
	v := id.Numeric
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="%s" version="%d.%d.%d.%d" processorArchitecture="amd64"/>
  <description>Juki-Net Emergency Response Desk</description>
</assembly>
`, AssemblyName, v[0], v[1], v[2], v[3])
}

// RC is the resource script: icon, manifest (resource 1 of type 24) and the
// version information in Japanese (0x0411) and Unicode (1200).
func RC(id Identity) string {
	v := id.Numeric
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	var b strings.Builder
	fmt.Fprintf(&b, "#pragma code_page(65001)\n")
	fmt.Fprintf(&b, "1 ICON \"kinkyu.ico\"\n")
	fmt.Fprintf(&b, "1 24 \"kinkyu.manifest\"\n")
	fmt.Fprintf(&b, "1 VERSIONINFO\nFILEVERSION %d,%d,%d,%d\nPRODUCTVERSION %d,%d,%d,%d\n", v[0], v[1], v[2], v[3], v[0], v[1], v[2], v[3])
	fmt.Fprintf(&b, "FILEFLAGSMASK 0x3f\nFILEFLAGS 0x0\nFILEOS 0x40004\nFILETYPE 0x1\nFILESUBTYPE 0x0\n")
	fmt.Fprintf(&b, "BEGIN\n  BLOCK \"StringFileInfo\"\n  BEGIN\n    BLOCK \"041104B0\"\n    BEGIN\n")
	for _, kv := range [][2]string{
		{"CompanyName", id.Company},
		{"FileDescription", id.Description},
		{"FileVersion", id.Version},
		{"InternalName", strings.TrimSuffix(id.Exe, ".exe")},
		{"LegalCopyright", id.Company},
		{"OriginalFilename", id.Exe},
		{"ProductName", id.Product},
		{"ProductVersion", id.Version},
	} {
		fmt.Fprintf(&b, "      VALUE %s, %s\n", q(kv[0]), q(kv[1]))
	}
	fmt.Fprintf(&b, "    END\n  END\n  BLOCK \"VarFileInfo\"\n  BEGIN\n    VALUE \"Translation\", 0x411, 1200\n  END\nEND\n")
	return b.String()
}

// ICO makes a Windows icon holding the PNG at each size (PNG entries, read by
// Windows since Vista), each an 8-bit RGBA PNG.
func ICO(src []byte, sizes ...int) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	var images [][]byte
	for _, size := range sizes {
		dst := image.NewNRGBA(image.Rect(0, 0, size, size))
		draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
		var buf bytes.Buffer
		if err := png.Encode(&buf, dst); err != nil {
			return nil, err
		}
		images = append(images, buf.Bytes())
	}
	var out bytes.Buffer
	le := func(v any) { _ = binary.Write(&out, binary.LittleEndian, v) }
	le(uint16(0))
	le(uint16(1)) // icon
	le(uint16(len(images)))
	offset := 6 + 16*len(images)
	for i, b := range images {
		dim := uint8(sizes[i] % 256) // 0 means 256
		le([4]uint8{dim, dim, 0, 0})
		le(uint16(1))  // planes
		le(uint16(32)) // bits per pixel
		le(uint32(len(b)))
		le(uint32(offset))
		offset += len(b)
	}
	for _, b := range images {
		out.Write(b)
	}
	return out.Bytes(), nil
}
