module Tool
  VERSION = "2.0.0"
end
