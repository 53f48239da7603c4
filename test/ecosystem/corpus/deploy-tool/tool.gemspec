require_relative "lib/tool/version"

Gem::Specification.new do |spec|
  spec.name = "tool"
  spec.version = Tool::VERSION
  spec.summary = "Deploy web apps in containers"
  spec.files = Dir["lib/**/*", "bin/*"]
  spec.executables = ["tool"]
end
