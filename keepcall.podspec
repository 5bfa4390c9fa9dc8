require "json"

package = JSON.parse(File.read(File.join(__dir__, "package.json")))

Pod::Spec.new do |s|
  s.name         = "keepcall"
  s.version      = package["version"]
  s.summary      = package["description"]
  s.homepage     = package["homepage"] || "https://github.com/keepcall/keepcall"
  s.license      = package["license"]
  s.authors      = package["author"] || "keepcall contributors"
  s.platforms    = { :ios => min_ios_version_supported }
  s.source       = { :git => "https://github.com/keepcall/keepcall.git", :tag => "v#{s.version}" }

  s.source_files = "ios/**/*.{h,m,mm,swift}"
  s.swift_version = "5.9"
  s.frameworks   = "CallKit", "AVFoundation"

  # Codegen (package.json "codegenConfig"), React-Core and the TurboModule headers; New Architecture only.
  install_modules_dependencies(s)
end
